from schemas.docs import replace_section
from tests.conftest import ROOT


def test_readme_contract_section_is_generated_from_the_models():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_section(readme) == readme, "README's contract drifted from schemas/: run `python -m schemas.docs README.md`"
