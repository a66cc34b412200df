"""The word lists the quotes stage reads: speech and report verbs, nouns of saying, documents, and the
parse labels and windows the attribution search uses."""

from __future__ import annotations


SPEECH_VERBS = frozenset(
    """say tell write add state explain insist warn deny claim argue note begin continue conclude read ask reply
    respond declare announce suggest describe call admit acknowledge recall tweet post testify report confirm
    predict promise vow urge demand accuse complain joke quip concede stress emphasize emphasise observe remark
    shout yell scream whisper mutter exclaim cry tout boast brag contend maintain assert allege charge lament
    muse wonder agree counter retort reiterate repeat caution pledge threaten criticize criticise praise blast
    slam mock recount characterize label dub term quote cite inform assure remind reveal disclose indicate
    signal hint question proclaim chant sing plead beg implore beseech thank apologize apologise estimate
    forecast project conclude find rule order direct recommend propose offer express voice extend""".split()
)
# Cues of indirect speech: verbs that take a reported content clause.
INDIRECT_VERBS = frozenset(
    """say tell insist warn deny claim argue add state explain note announce suggest report confirm predict
    promise vow demand accuse complain concede stress emphasize emphasise observe maintain assert allege
    contend acknowledge admit reveal disclose indicate signal hint declare testify write tweet post reiterate
    repeat caution pledge threaten estimate conclude find rule recommend propose agree recall
    believe think feel hope fear expect know worry suspect doubt assume understand realize realise reckon
    guess imagine bet recognize recognise learn hear predict show prove allege complain charge order""".split()
)
# Cues whose reported content is an infinitive: "vowed to build", "urged Congress to act".
INFINITIVE_CUES = frozenset("promise vow pledge threaten urge ask demand call plan refuse offer encourage warn tell order".split())
DOCUMENT_NOUNS = frozenset(
    """letter statement document memo memorandum report note email e-mail post tweet message release filing
    complaint lawsuit indictment ruling order proposal plan bill text transcript speech op-ed editorial article
    book ad advertisement video sign poster card survey poll study press communique communiqué""".split()
)
# The means of saying something, as a writer names them after a report: `" in an interview with CNN`, `" on Twitter` (not
# the event, `at his rally`, which the gold counts as part of what was said).
OCCASION_NOUNS = frozenset(
    "interview statement remarks response tweet post letter email op-ed editorial release twitter facebook".split())
# Verbs whose subject wrote the document (delivering or reading it does not make one its author).
AUTHORING_VERBS = frozenset("write send pen issue release author draft sign post tweet publish craft compose prepare submit".split())
# Words that introduce a quoted term only mentioned, a name or a title ("the word 'ceasefire'", a show titled "...", her
# nickname, "Gert").
MENTIONED_WORD_CUES = frozenset(
    "word words term phrase slogan so-called titled headlined hashtag nickname nicknamed moniker pseudonym alias name".split())
# Verbs that attach a quoted label to something: with a subject they are quotes ("he dubbed him "the little senator"").
LABELING_VERBS = frozenset("call dub label term brand nickname describe characterize deem refer".split())
# Nouns that carry somebody's words: "her remark that "...", "Trump's statement: "..."".
ATTRIBUTION_NOUNS = frozenset(
    """remark remarks comment comments statement claim claims warning assertion words promise pledge vow
    insistence argument suggestion message tweet post response reply answer plea question accusation charge
    criticism observation declaration announcement admission boast prediction threat apology slogan""".split()
)
# Nouns of what somebody holds or keeps saying, which carry words only as the subject of "be" (`his view was that "..."`).
THINKING_NOUNS = frozenset("assumption belief view position phrase dictum mantra line refrain motto theme conclusion point".split())
# Verbs whose object is what somebody said or stood for ("announced his endorsement", "criticized the deal"), and
# verbs of talking whose topic follows a preposition ("warned of a crisis", "spoke about the plan").
OBJECT_CUES = frozenset(
    """endorse criticize criticise praise announce defend propose confirm attack deny reject condemn
    denounce dismiss discuss mention question welcome blame applaud decry""".split()
)  # not "support", "back", "oppose": stances, more often reported by the writer than said (half wrong on train)
# Acts of stance whose object is a quoted phrase: their subject (a person, a group, an ad) holds the words
# (`The Treasury secretary lauded the "needed reforms"`), unlike a thing doing a plain verb (`the balloons cascaded`).
STANCE_VERBS = OBJECT_CUES | frozenset("laud hail gush target tout embrace decry slam blast mock promise vow pledge".split())
ABOUT_CUES = frozenset("talk warn complain write ask joke comment call argue testify boast brag worry".split())
ABOUT_PREPOSITIONS = frozenset("about of for on against".split())
# Verbs that describe their subject ("he is now "host of the show""): the quote is a label, not the subject's words.
COPULAS = frozenset("be become remain seem appear".split())
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
SUBORDINATE_CLAUSES = {"acl", "relcl", "ccomp", "advcl"}
CLAUSE_EDGES = {"ccomp", "xcomp", "advcl", "conj", "parataxis", "acl", "relcl", "pcomp", "pobj", "prep"}
# Capitalized words that after a quote's question or exclamation mark open a new sentence rather than its attribution.
SENTENCE_OPENERS = frozenset("He She They It We I You The This That These Those A An But And So Then His Her Their Its There".split())
MAX_SCARE_QUOTE_WORDS = 3
MAX_TITLE_WORDS = 6
ATTRIBUTION_WINDOW_TOKENS = 8  # how far from a quote's marks a speech verb may stand
# After a quote the speaker's words may run longer ("X, founder of the Y Institute for Z, said"): only speaker words
# may stand between, so a longer window reaches no other clause.
AFTER_WINDOW_TOKENS = 16


# People who speak for the institution they are from: "researchers from Leeds University", "the team at MIT".
MEMBER_NOUNS = frozenset("team researcher scientist academic expert economist analyst".split())
# Relative words that open a clause describing a person: `Jorge Ramirez, 52, who drives a truck`.
RELATIVE_PERSON_WORDS = frozenset({"who", "whose"})
# Dashes as tokens: a dateline's (`WASHINGTON —`) and a lone one setting off the writer's words after a quote.
DASHES = frozenset({"—", "–", "-", "--"})
