"""Line patterns of web furniture (share rows, captions, credits, links elsewhere) that need no context."""

from __future__ import annotations

import re

from storyline.clean.shape import OPENING_QUOTES, ends_sentence, looks_headline, word_count

Verdict = tuple[str, str]  # (reason, rule)

# Whole lines that are controls or labels of a web page, never prose.
_FURNITURE = frozenset(
    """skip to content|skip to main content|skip to navigation|skip to main|jump to|menu|main menu|search
    |close|sign in|log in|login|register|back to top|top|print|print this page|comments|show comments
    |view comments|leave a comment|post a comment|copy link|link copied|listen|listen to this article
    |play|play video|watch|image|photo|picture|video|audio|loading|show more|load more|see more|next|previous
    |next article|previous article|next story|previous story|home|share|tweet|email|gallery|enlarge
    |expand|toggle caption|hide caption|view image in fullscreen|open image in gallery|more|reply
    |print article|save|save article|bookmark|subscribe|newsletter|follow|follow us|log out|sign up""".split(
        "|"
    )
)
_FURNITURE = frozenset(w.strip() for w in _FURNITURE)
_ADVERTS = frozenset(
    """advertisement|advertisment|advertising|ad|ads|sponsored|sponsored content|paid content
    |partner content|story continues below advertisement|article continues below advertisement
    |article continues below|continue reading below|scroll to continue with content|continue reading
    |content continues below|story continues below|advertisement - scroll to continue
    |remove ads|ad feedback""".split("|")
)
_ADVERTS = frozenset(w.strip() for w in _ADVERTS)

_SHARE_CORE = frozenset(
    "share shares sharing tweet facebook twitter whatsapp linkedin pinterest reddit email e-mail "
    "messenger telegram flipboard bluesky threads mastodon tumblr sms".split()
)
_SHARE_OTHER = frozenset(
    "x mail print copy link url this the article story page on via comments comment save options icon "
    "button opens in new window tab a or to with your friends".split()
)
_SPLIT_SHARE = re.compile(r"[\s|·•/,]+")

_READING_TIME = re.compile(r"^\d+\s*(?:-\s*)?(?:min|mins|minute|minutes)\s*(?:read|listen)?$", re.I)
_COMMENT_COUNT = re.compile(r"^(?:view |show |read )?(?:\d+|no)\s+comments?$|^comments?\s*\(\d+\)$", re.I)
_FOLLOW = re.compile(
    r"^(?:follow|like|find)\b.{0,60}\bon (?:twitter|x|facebook|instagram|linkedin|tiktok|threads|bluesky"
    r"|youtube|mastodon|social media|whatsapp|telegram)\b",
    re.I,
)
_SUBSCRIBE_START = re.compile(
    r"^(?:sign up|sign-up|subscribe|get (?:our|the|a|free)|join|register|download (?:our|the)|don'?t miss"
    r"|never miss|want more|enjoy (?:this|our)|become a (?:member|subscriber|supporter)|support (?:our|us)"
    r"|already (?:a|have)|to continue reading|start your|try (?:it|our)|unlock"
    r"|create (?:a|your) (?:free )?account"
    r"|to (?:view|read|see) the (?:full|whole|rest of the) (?:story|article)"
    r"|click here|tap here)",
    re.I,
)
_SUBSCRIBE_WORD = re.compile(
    r"\b(?:newsletters?|subscribe|subscription|subscriber|sign[ -]?up|inbox|e-?mail|membership|member"
    r"|app|free trial|account|briefing|digest|podcast)\b",
    re.I,
)
_NEWSLETTER = re.compile(
    r"\bnewsletters?\b|\bsign up here\b|\b(?:get|download) (?:the|our) [\w ]{1,30} app\b"
    r"|\balready an? (?:subscriber|member)\b",
    re.I,
)
_NEWSLETTER_CUE = re.compile(
    r"\b(?:sign[ -]?up|subscribe|subscriber|inbox|delivered|get|download|receive|free|log ?in)\b", re.I
)
_BREADCRUMB_SPLIT = re.compile(r"\s*[>»›]\s*|\s+[|/]\s+")
_LINK_LEAD = re.compile(
    r"^(?P<lead>read more|read also|also read|read next|more on [^:]{1,60}|related"
    r"|related (?:stories|articles"
    r"|content|coverage|links|topics|reading|news)|see also|further reading|recommended(?: reading| for you)?"
    r"|you (?:may|might) also (?:like|be interested in)|also on [\w ]{1,30}"
    r"|most read|most popular|most viewed|most shared|most watched|trending(?: now)?|top stories"
    r"|latest (?:news|stories|videos)|more (?:stories|news)"
    r"|more from [\w ]{1,40}|editor'?s picks|what to read next|popular(?: now)?|in other news|watch(?: more)?"
    r"|listen|explore more|must read|in case you missed it|around the web|from our partners"
    r"|more top stories|more coverage|background|previously"
    # the same leads in the other languages whose pages we clean
    r"|l[ée]e?a? (?:también|tambien|más|mas)|leia (?:também|mais)|(?:à )?lire (?:aussi|également)"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|leggi anche|lees ook|lea)"
    r"\b\s*(?P<sep>[:\-–—|]?)\s*(?P<rest>.*)$",
    re.I,
)
_CREDIT_LEAD = re.compile(
    r"^(?:photograph|photographs|photo|photos|foto|fotos|photography|picture|pictures|pic|image|images|illustration"
    r"|graphic|footage|credit|credits|image source|image credit|photo credit|photo illustration"
    r"|video credit|copyright)\s*[:,]\s*\S",
    re.I,
)
_CAPTION_LEAD = re.compile(
    r"^(?:image caption|media caption|video caption|photo caption|caption|pictured|above|top|main image"
    r"|left|right|top left|top right|file photo)\s*[:,]\s*\S|^(?:image caption|media caption)\s+\S",
    re.I,
)
_CREDIT_PAREN = re.compile(
    r"\([^()]*\b(?:photo|photos|photograph|picture|image|credit|courtesy|getty|illustration|file photo"
    r"|screenshot|screengrab)\b[^()]*\)\s*$",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"(?:^|[.!?]\s+|\s)(?:photograph|photo|picture|image|credit|illustration|composite)s?\s*:\s*[^.!?]{2,80}$",
    re.I,
)
# "… on Monday.CreditAnn Poe for Example News": a page's credit glued to its caption when copied.
_GLUED_CREDIT = re.compile(r"[.!?”\"](?:Credit|Photo|Photograph|Image)[A-Z][^.!?]{2,80}$")
# "… the debris. © Example Agency": a caption closed by the picture's copyright holder.
_COPYRIGHT_TAIL = re.compile(r"[.!?]\s*(?:©|\(c\)|copyright\b)\s*[^.!?©]{2,60}$", re.I)
_AGENCY_TAIL = re.compile(
    r"(?:via getty images|getty images|shutterstock|alamy|\b(?:ap|afp|epa|pa|reuters|anadolu)"
    r"(?: photo| images| wire| media)?)\s*$",
    re.I,
)
# "Ann Poe/Example Agency" or "AGENCY/Ann Poe": a person's name or an upper-case agency, a slash, a name.
_SLASH_CREDIT = (
    r"(?:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}|[A-Z]{2,}[A-Z&.-]*)"
    r"\s?/\s?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}"
)
_SLASH_CREDIT_LINE = re.compile(rf"^{_SLASH_CREDIT}$")
_SLASH_CREDIT_TAIL = re.compile(rf"[.!?]\s*{_SLASH_CREDIT}$")
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:to )?(?:this |the )?(?:story|report|article|reporting|research)\b", re.I
)
_REPORTING_BY = re.compile(
    r"^(?:additional reporting|reporting|editing|writing|research|compiled|produced|edited"
    r"|additional research"
    r"|graphics?|fact[ -]?checking|translated|translation) by\b",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|\bcopyrighted (?:property|material)\b"
    r"|\bpermission\b.{0,60}\bbefore (?:reprint|republi)"
    r"|\bmay not be (?:\w+, )*(?:\w+ )?(?:published|reproduced|reprinted|redistributed|republished)\b",
    re.I,
)
_TAGS = re.compile(
    r"^(?:tags|tagged|tagged with|topics|related topics|filed under|categories|category|posted in"
    r"|keywords)\b\s*:?",
    re.I,
)
_SOURCE = re.compile(r"^source\s*:\s*\S", re.I)
# "The post <headline> appeared first on <site>." closes entries of many blog feeds.
_FEED_FOOTER = re.compile(r"^the post .+ appeared first on .+$", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,5}\)?[\s-]?){2,4}\d{3,4}\b")
_CONTACT_CUE = re.compile(
    r"\b(?:news ?desk|got a (?:story|tip)|story tips?|news tips?|tip us|contact us|get in touch|write to us"
    r"|letters to the editor|send us|email us|call us)\b",
    re.I,
)
# "We want to hear what you think. Submit a letter to the editor": the outlet asking for letters.
_LETTERS = re.compile(
    r"\b(?:submit|write|send) (?:us )?a letter to the editor\b|\bwe want to hear what you think\b", re.I
)


def _bare(text: str) -> str:
    return text.casefold().strip(" .!:|-–—•·>»›*#").strip()


def _share_row(text: str) -> bool:
    tokens = [t for t in _SPLIT_SHARE.split(text.casefold().strip(" .:")) if t]
    if not tokens or len(tokens) > 14:
        return False
    allowed = _SHARE_CORE | _SHARE_OTHER
    return all(t in allowed for t in tokens) and any(t in _SHARE_CORE for t in tokens)


def _subscribe(text: str) -> bool:
    if word_count(text) > 35 or text.startswith(OPENING_QUOTES):
        return False
    if _SUBSCRIBE_START.search(text) and _SUBSCRIBE_WORD.search(text):
        return True
    return bool(_NEWSLETTER.search(text) and _NEWSLETTER_CUE.search(text) and word_count(text) <= 25)


def _breadcrumb(text: str) -> bool:
    parts = [p for p in _BREADCRUMB_SPLIT.split(text) if p]
    if len(parts) < 2 or any(word_count(p) > 5 or ends_sentence(p) for p in parts):
        return False
    return len(parts) >= 3 or parts[0].casefold() == "home"


def link_lead(text: str) -> Verdict | None:
    """ "Read more: …", "Related: …", "More on this story:", "Most read": links to other pages."""
    m = _LINK_LEAD.match(text.strip())
    if not m or word_count(text) > 25:
        return None
    rest = m.group("rest").strip()
    if not rest:
        return ("promo", "link-heading")
    if m.group("sep") and not ends_sentence(rest):
        return ("promo", "link-lead")
    if m.group("sep") and m.group("sep") in "-–—|:" and looks_headline(rest.rstrip("?!"), 25):
        return ("promo", "link-lead")
    return None


def _caption(text: str) -> Verdict | None:
    n = word_count(text)
    if _CAPTION_LEAD.match(text) and n <= 80:
        return ("caption", "caption")
    if _CREDIT_LEAD.match(text) and n <= 25:
        return ("credit", "credit-line")
    if n > 80:
        return None
    if any(p.search(text) for p in (_CREDIT_PAREN, _CREDIT_TAIL, _COPYRIGHT_TAIL, _GLUED_CREDIT)):
        return ("caption", "caption-credit")
    if not ends_sentence(text) and _AGENCY_TAIL.search(text) and (n <= 6 or "." in text):
        return ("credit", "credit-line") if n <= 6 else ("caption", "caption-credit")
    if _SLASH_CREDIT_LINE.match(text):
        return ("credit", "credit-line")
    if _SLASH_CREDIT_TAIL.search(text):
        return ("caption", "caption-credit")
    return None


def _credit(text: str) -> Verdict | None:
    n = word_count(text)
    if n <= 40 and _CONTRIBUTED.search(text):
        return ("credit", "contributed")
    if n <= 25 and _REPORTING_BY.match(text.lstrip("([")):
        return ("credit", "reporting-by")
    if n <= 8 and _SOURCE.match(text):
        return ("credit", "source-line")
    return None


def _contact(text: str) -> bool:
    """ "Got a story? Call the newsdesk on …": the outlet asking readers to get in touch."""
    if _LETTERS.search(text):
        return True
    return bool(_CONTACT_CUE.search(text) and (_EMAIL.search(text) or _PHONE.search(text)))


def classify_line(text: str) -> Verdict | None:
    """The reason and rule that make this line page furniture, or None when it may be body text."""
    bare = _bare(text)
    if not bare:
        return None
    if bare in _ADVERTS:
        return ("promo", "advert")
    if bare in _FURNITURE or _READING_TIME.match(bare) or _COMMENT_COUNT.match(bare):
        return ("navigation", "furniture")
    if _share_row(text):
        return ("navigation", "share")
    if word_count(text) <= 25 and _FOLLOW.search(text):
        return ("promo", "follow")
    if _subscribe(text):
        return ("promo", "subscribe")
    verdict = link_lead(text) or _caption(text) or _credit(text)
    if verdict:
        return verdict
    if _breadcrumb(text):
        return ("navigation", "breadcrumb")
    if word_count(text) <= 25 and _COPYRIGHT.search(text):
        return ("other", "copyright")
    if word_count(text) <= 40 and (_FEED_FOOTER.match(text) or _contact(text)):
        return ("other", "feed-footer" if _FEED_FOOTER.match(text) else "contact")
    if word_count(text) <= 30 and _TAGS.match(text) and not ends_sentence(text.rstrip(".")):
        return ("navigation", "tags")
    return None


def starts_link_list(text: str) -> bool:
    """A heading such as "Most read" or "Related stories" whose following short lines are links."""
    verdict = link_lead(text)
    return bool(verdict and verdict[1] == "link-heading") or _TAGS.fullmatch(text.strip(" :")) is not None
