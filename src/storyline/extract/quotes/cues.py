"""The English verbs that introduce speech or writing, and their base forms without a lemmatizer."""

from __future__ import annotations

# Verbs of saying, telling and writing, in base form. Generic English, not taken from any article.
SPEECH_VERBS = frozenset(
    """
    say tell add warn write post tweet describe explain note insist claim argue state announce declare
    ask reply respond answer admit acknowledge concede confirm deny suggest recall remark comment continue
    conclude maintain vow pledge promise urge predict report shout scream whisper cry yell exclaim mutter
    joke quip complain lament boast stress emphasise emphasize repeat reiterate assert contend observe
    caution threaten demand plead testify counter retort agree disagree dismiss label brand dub term
    characterise characterize call hail praise criticise criticize condemn denounce accuse blame
    share message text email recount tell announce allege estimate forecast reveal disclose inform
    assure reassure proclaim whine sigh laugh snap growl muse wonder speculate grumble protest object
    rule order advise recommend propose concur summarise summarize put highlight underline indicate
    command find
    """.split()
)

# Nouns for what someone said: "Castell's message was blunt: '…'" gives the words to Castell.
SPEECH_NOUNS = frozenset(
    """
    message statement words response reply answer verdict warning comment comments remarks reaction
    explanation advice promise pledge position view argument letter post tweet note
    """.split()
)

# Verbs whose object is often a short quoted label, used as a partial quote ("called it 'a disgrace'").
LABEL_VERBS = frozenset(
    """
    call describe dismiss label brand dub term characterise characterize hail praise criticise criticize
    condemn denounce
    """.split()
)

# Verbs that give something a name; a quote they introduce as a participle is a name, not speech.
NAMING_VERBS = frozenset("call dub term name nickname label brand title".split())

# Subjects that make "read" a speech verb: a written text ("the statement read: '…'"). Signs and
# banners are left out: what they read is a slogan, a label.
WRITING_NOUNS = frozenset(
    """
    statement letter note message post tweet email memo notice release document report ruling order
    caption text filing complaint indictment verdict judgment lawsuit
    """.split()
)

# Verbs that mark writing on a platform rather than speech.
POST_VERBS = frozenset("post tweet write share message blog".split())

PLATFORM_WORDS = frozenset(
    """
    x twitter facebook instagram telegram tiktok bluesky threads mastodon linkedin youtube weibo reddit
    whatsapp substack blog online account feed page channel
    """.split()
)

_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written", "writ"),
    "speak": ("spoke", "spoken"),
    "put": ("put",),
    "cry": ("cried",),
    "swear": ("swore", "sworn"),
    "forecast": ("forecast",),
    "think": ("thought",),
    "find": ("found",),
}

_VOWELS = set("aeiou")


def _third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def _stems(base: str) -> list[str]:
    """The stems a suffix attaches to: the base itself, and with its last consonant doubled."""
    stems = [base]
    if len(base) >= 3 and base[-1] not in _VOWELS | set("wxy") and base[-2] in _VOWELS:
        stems.append(base + base[-1])  # admit -> admitted, quip -> quipped, label -> labelled
    return stems


def _past_and_gerund(base: str) -> list[str]:
    if base.endswith("e"):
        return [base + "d", base[:-1] + "ing"]
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return [base[:-1] + "ied", base + "ing"]
    forms = []
    for stem in _stems(base):
        forms += [stem + "ed", stem + "ing"]
    return forms


def forms_of(base: str) -> set[str]:
    """Every inflected form of a verb a news text would use."""
    forms = {base, _third_person(base), *_past_and_gerund(base)}
    forms.update(_IRREGULAR.get(base, ()))
    return forms


_FORM_TO_BASE: dict[str, str] = {}
for _base in sorted(SPEECH_VERBS):
    for _form in forms_of(_base):
        _FORM_TO_BASE.setdefault(_form, _base)


def cue_base(word: str) -> str | None:
    """The base form of a speech verb ("said" -> "say"), or None when the word is not one."""
    return _FORM_TO_BASE.get(word.lower())
