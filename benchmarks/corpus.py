"""The benchmark's working copies of a corpus: the articles (*.txt), N distinct copies, one changed article.

The source corpus is never written to: every run reads a copy under the benchmark's work folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def corpus_files(source: Path) -> list[Path]:
    """The corpus's articles: every .txt file under it, outside hidden folders, in sorted order."""
    files = (p for p in Path(source).rglob("*.txt") if p.is_file())
    return sorted(p for p in files if not any(part.startswith(".") for part in p.relative_to(source).parts))


def article_texts(raw_dir: Path) -> list[str]:
    """Each distinct article's text (exact duplicates once), as the floor's input."""
    texts = dict.fromkeys(p.read_bytes().decode("utf-8", errors="replace") for p in corpus_files(raw_dir))
    return [t for t in texts if t.strip()]


def copy_sentence(copy: int) -> str:
    return f"\n\nThis is copy number {copy} of the article.\n"


def make_corpus(source: Path, target: Path, copies: int = 1) -> int:
    """Write `copies` copies of the corpus's articles into `target` (copy 1 unchanged; each later copy ends with
    a sentence naming its number, so that no copy is a duplicate of another). Returns the number of files."""
    files = corpus_files(source)
    if not files:
        raise SystemExit(f"no .txt articles under {source}")
    for copy in range(1, copies + 1):
        folder = target / f"copy{copy}"
        folder.mkdir(parents=True, exist_ok=True)
        for path in files:
            destination = folder / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            if copy == 1:
                shutil.copyfile(path, destination)
            else:
                destination.write_bytes(path.read_bytes().rstrip() + copy_sentence(copy).encode())
    return len(files) * copies


def change_one_article(raw_dir: Path) -> Path:
    """Add a sentence at the end of the first article (in sorted order); returns its path."""
    path = corpus_files(raw_dir)[0]
    path.write_bytes(path.read_bytes().rstrip() + b"\n\nThe benchmark added this sentence to change the article.\n")
    return path
