package org.gleaner.extract;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every heuristic of the extractor in one table: patterns and thresholds, each with the reason it
 * exists. A change here is reviewed through the golden fixtures ({@code -Dgolden.update=true}).
 *
 * <p>Patterns are compiled once; the extractor matches each element's class and id against them a
 * single time and caches the verdict.
 */
final class ExtractionRules {
    private ExtractionRules() {}

    // Class/id words below are matched against the lower-cased class or id string, once per distinct string.

    // ---- elements dropped before scoring ----------------------------------------------------------

    /** Never content: code, styling, embedded UI and form controls. */
    static final Set<String> ALWAYS_REMOVE_TAGS = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "link",
            "meta",
            "svg",
            "canvas",
            "iframe",
            "object",
            "embed",
            "button",
            "input",
            "select",
            "textarea",
            "option",
            "label",
            "dialog",
            "nav",
            "aside",
            "menu",
            "video",
            "audio",
            "map",
            "head");

    /** Page furniture around the story; the title and byline are read as metadata beforehand. */
    static final Set<String> FURNITURE_TAGS = Set.of("header", "footer");

    /** ARIA roles of navigation and pop-ups, never the story. */
    static final Pattern UNLIKELY_ROLES = Pattern.compile(
            "^(?:menu|menubar|complementary|navigation|alert|alertdialog|dialog|banner|contentinfo|search)$");

    /** Class/id words of page furniture (Readability's list plus consent, newsletter and paywall boxes). */
    static final Keywords UNLIKELY_CANDIDATES =
            Keywords.of("-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr"
                    + "|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor"
                    + "|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter"
                    + "|subscribe|signup|sign-up|promo|outbrain|taboola|recirc|trending|most-?popular|most-?read|share"
                    + "|sharing|toolbar|masthead|navbar|topbar|byline|author-?bio|tags|taglist|skip-?link|modal"
                    + "|overlay|paywall|onetrust|newsletter|read-?next|more-?stories|up-?next|teaser-list|print-?only"
                    + "|visually-?hidden|screen-?reader|sr-only|a11y|rollover|tooltip|popover|hovercard");

    /** The part of the list above removed in every attempt, even when too little text survives: never the story. */
    static final Keywords STRONG_UNLIKELY = Keywords.of(
            "cookie|consent|gdpr|onetrust|newsletter|share|sharing|social|disqus|paywall|modal|popup|outbrain|taboola"
                    + "|breadcrumb|related|recirc|most-?read|most-?popular");

    /** Class/id words of bylines, datelines, post meta lines and photo captions inside the story container. */
    static final Keywords BYLINE_HINTS = Keywords.of(
            "byline|author|dateline|timestamp|posted-?on|entry-meta|post-meta|article-meta|published-?date|pubdate"
                    + "|caption|credit");

    /** Author boxes under the story ("Regan is a Connecticut native…"), even inside "author-content". */
    static final Keywords AUTHOR_BOX = Keywords.of(
            "post-author|author-?box|author-?bio|about-?the-?author|about-?author|author-?info|author-?details"
                    + "|author-?card|contributor-?bio");

    /** An author box longer than this is not just an author box and stays. */
    static final int AUTHOR_BOX_MAX_CHARS = 700;

    /** A short leaf with a copyright sign is a photo credit or a copyright line. */
    static final int COPYRIGHT_LINE_MAX_CHARS = 200;

    /** A byline/dateline block longer than this is not just a byline and stays. */
    static final int BYLINE_BLOCK_MAX_CHARS = 200;

    /** Extracted text shorter than this that talks about cookies or subscriptions is a consent wall or paywall. */
    static final int WALL_MAX_CHARS = 600;

    /** Link density above which the "article" is a list of links (an index page). */
    static final double INDEX_PAGE_LINK_DENSITY = 0.5;

    /** Class/id words that rescue an element the list above caught (a "main-content-header" stays). */
    static final Keywords MAYBE_CANDIDATE =
            Keywords.of("and|article|body|column|content|main|mathjax|shadow|story|entry|post-?text|embed|tweet");

    /** Class/id words of an article container: +25 to its score. */
    static final Keywords POSITIVE =
            Keywords.of("article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose"
                    + "|rich-?text");

    /** Class/id words of furniture inside or beside the article: -25 to its score. */
    static final Keywords NEGATIVE =
            Keywords.of("-ad-|hidden| hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain"
                    + "|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|caption"
                    + "|credit|newsletter|subscribe|byline|author|dateline|timestamp|signup|recommend|read-?more"
                    + "|breadcrumb");

    /** Posts the story quotes (tweets, Instagram posts): never weighed as furniture. */
    static final Keywords EMBEDDED_POST =
            Keywords.of("twitter-tweet|instagram-media|tiktok-embed|social-?media-?embed|embedded-?post");

    /** Inline styles that hide an element from readers. */
    static final Pattern HIDDEN_STYLE =
            Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden", Pattern.CASE_INSENSITIVE);

    /** Class/id of ad slots: removed even inside the article. */
    static final Pattern AD_SLOT = Pattern.compile(
            "(?:^|\\s)(?:ads?|adverts?|advertisement|advertising|adsbygoogle|adunit|adslot|dfp-?\\w*|gpt-ad\\w*|native-ad\\w*"
                    + "|ad[-_](?:slot|unit|container|wrapper|wrap|block|banner|placeholder|box|label|leaderboard|mpu|inline|inread"
                    + "|break|zone|space|holder|area)[-_\\w]*)(?:$|\\s)");

    // ---- scoring ------------------------------------------------------------------------------------

    /** Elements whose own text is scored as a paragraph (divs without block children count too). */
    static final Set<String> SCORED_TAGS = Set.of("p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6");

    /** Block-level children that stop a div from being a paragraph of its own. */
    static final Set<String> BLOCK_TAGS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "dd",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "ul",
            "tr",
            "td",
            "th",
            "tbody",
            "thead",
            "figcaption",
            "details",
            "summary");

    /** A paragraph shorter than this is navigation or a label, not prose. */
    static final int MIN_PARAGRAPH_CHARS = 25;

    /** Each full 100 characters adds a point, up to this many (Readability). */
    static final int MAX_LENGTH_POINTS = 3;

    /** Characters per length point. */
    static final int CHARS_PER_POINT = 100;

    /** Commas in every script: prose has them, menus do not. */
    static final String COMMA_CHARS = ",，、،﹐､";

    /** How far up the tree a paragraph's score is shared. */
    static final int ANCESTOR_LEVELS = 5;

    /** Class/id hint weight. */
    static final int CLASS_WEIGHT = 25;

    /** A sibling joins the article when its score reaches this share of the winner's. */
    static final double SIBLING_SCORE_SHARE = 0.2;

    /** ...and at least this score. */
    static final double SIBLING_MIN_SCORE = 10;

    /** A sibling paragraph this long joins when its links are sparse. */
    static final int SIBLING_PARAGRAPH_CHARS = 80;

    /** Link density under which such a sibling paragraph joins. */
    static final double SIBLING_LINK_DENSITY = 0.25;

    /** A parent scoring at least this share of the winner is a better container for it. */
    static final double PARENT_SCORE_SHARE = 0.75;

    /** How many runner-up candidates must share an ancestor before that ancestor wins. */
    static final int MIN_SHARED_CANDIDATES = 3;

    /** Candidates kept for the shared-ancestor test. */
    static final int TOP_CANDIDATES = 5;

    // ---- cleaning inside the chosen container ------------------------------------------------------

    /** Containers judged on their own before they are kept (Readability's "clean conditionally"). */
    static final Set<String> CONDITIONAL_TAGS = Set.of("form", "fieldset", "table", "ul", "ol", "div", "section", "dl");

    /** A container with this many commas is prose and kept. */
    static final int CONDITIONAL_MIN_COMMAS = 10;

    /** Link density above which a lightly hinted container is a link list. */
    static final double MAX_LINK_DENSITY = 0.2;

    /** Link density tolerated in a positively hinted container. */
    static final double MAX_LINK_DENSITY_POSITIVE = 0.5;

    /** A container with less text than this and no single image is a widget. */
    static final int CONDITIONAL_MIN_CHARS = 25;

    /** Headings with more link text than this share are "related" teasers. */
    static final double HEADING_MAX_LINK_DENSITY = 0.5;

    // ---- relaxation and outcome ---------------------------------------------------------------------

    /** Below this many characters the extractor retries with fewer removals. */
    static final int RELAX_BELOW_CHARS = 500;

    /** A stricter attempt wins over a more lenient one when it keeps this share of the longest text. */
    static final double RELAX_KEEP_SHARE = 0.85;

    /** A page with consent words and more links than this is not a consent wall (a cookie banner on an index page). */
    static final int CONSENT_WALL_MAX_LINKS = 10;

    /** Below this many characters the page has no article. */
    static final int MIN_ARTICLE_CHARS = 140;

    /** JSON-LD articleBody is used when the DOM result is shorter than this share of it. */
    static final double JSON_LD_PREFERRED_BELOW = 0.6;

    /** ...and at least this long. */
    static final int JSON_LD_MIN_CHARS = 250;

    // ---- paragraph-level boilerplate in the chosen text ----------------------------------------------

    /** Short lines that are labels of furniture, dropped from the text. */
    static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "^(?:advertisement|advertising|anzeige|publicité|publicidad|pubblicità|реклама|sponsored|continue reading(?: below)?"
                    + "|story continues below(?: advertisement)?|article continues below(?: advertisement)?"
                    + "|scroll to continue with content|skip advertisement|share(?: this)?(?: article| story| post)?"
                    + "|share on (?:facebook|twitter|x|linkedin|whatsapp|email)|(?:related|recommended|more)(?: articles| stories| reading)?"
                    + "|read more|see also|click to share.*|tweet|email|print|comments?|\\d+ comments?|sign up.*newsletter.*"
                    + "|subscribe(?: now)?|image|photo|video|getty images|ap photo|reuters|follow us.*|you may also like"
                    + "|you might also like|don'?t miss|must read|related articles?|related stories|more on this story"
                    + "|trending(?: now)?|top stories|most popular|most read|this slideshow requires javascript"
                    + "|tell us what you think|what do you think|join the conversation|sign up|log in|loading)[.:!…]*$",
            Pattern.CASE_INSENSITIVE);

    /** Captions and photo credits: "… (Image: Getty)", "…Credit: EPA", "Photo: AP". */
    static final Pattern CAPTION_CREDIT = Pattern.compile(
            "(?:\\(\\s*(?:image|images|photo|photos|picture|pic|credit|source|foto|bild|video)s?\\s*:[^)]{1,80}\\)"
                    + "|(?:credit|credits|photo|image|photograph|picture|pic|foto|bild|crédit|crédito|фото)\\s*:\\s*[^.!?]{1,80}"
                    + "|\\((?:getty images|ap|afp|reuters|epa|shutterstock|pa)\\))\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** Caption labels at the start of a line: "Image copyright Getty Images", "Photo caption …". */
    static final Pattern CAPTION_LABEL =
            Pattern.compile("(?:image|photo|picture|media) (?:copyright|caption|source)\\b", Pattern.CASE_INSENSITIVE);

    /** Credits sit in the last characters of a caption; only that tail is searched. */
    static final int CAPTION_CREDIT_TAIL_CHARS = 120;

    /** Captions are at most this long. */
    static final int CAPTION_MAX_CHARS = 300;

    /** "Read more: <linked headline>" teasers in every language, dropped when they carry a link. */
    static final Pattern TEASER_PREFIX = Pattern.compile(
            "(?:see more|read more|related|more|also read|read also|watch|listen|recommended|related article|related story"
                    + "|lire aussi|à lire aussi|a lire aussi|voir aussi|lesen sie auch|mehr zum thema|auch interessant"
                    + "|leer también|lee también|le puede interesar|leggi anche|leia também|veja também|lees ook"
                    + "|читайте также|смотрите также|اقرأ أيضا|اقرأ أيضاً)\\s*[:：|»>-]",
            Pattern.CASE_INSENSITIVE);

    /** A leaf paragraph whose text is (nearly) all link text is a teaser, not prose. */
    static final double LINK_PARAGRAPH_DENSITY = 0.9;

    /** Teasers are at most this long. */
    static final int TEASER_MAX_CHARS = 300;

    /** WordPress shortcodes that leaked into the text: "[button link=…]…[/button]". */
    static final Pattern SHORTCODE = Pattern.compile("^\\[\\w+[^\\]]*].*\\[/\\w+]$|^\\[/?\\w+(?:\\s[^\\]]*)?]$");

    /** Promotions that trail a story: follow-us lines, newsletter pitches, tip lines, citation boilerplate. */
    static final Pattern PROMO_TAIL = Pattern.compile(
            "\\bfollow (?:us|him|her|them|[\\p{Lu}][\\w.'-]+(?: [\\p{Lu}][\\w.'-]+){0,3}) on (?:twitter|facebook|instagram|x|linkedin"
                    + "|youtube|tiktok|threads|bluesky)\\b|\\bnewsletters?\\b|\\bsubscribe to\\b|\\bsign up (?:for|to)\\b"
                    + "|\\b(?:may|can) be reached at\\b|\\bhave a (?:news )?tip\\b|\\bclick here\\b|^citation:"
                    + "|^this document is subject to copyright|\\bdelivered (?:to|through) your (?:inbox|letterbox|door)"
                    + "|\\blisten (?:to .{0,40}\\blive\\b|back)|\\bis out now\\b|folgen sie uns|abonnieren sie|suivez-nous"
                    + "|abonnez-vous|síguenos|suscríbete|seguici|iscriviti|siga-nos|assine|volg ons|подписывайтесь"
                    + "|تابعونا",
            Pattern.CASE_INSENSITIVE);

    /** How many of the last paragraphs of a story are checked for {@link #PROMO_TAIL}. */
    static final int PROMO_TAIL_PARAGRAPHS = 4;

    /** Promotions are at most this long. */
    static final int PROMO_MAX_CHARS = 300;

    /** Lines longer than this are never treated as a boilerplate label. */
    static final int BOILERPLATE_LINE_MAX_CHARS = 80;

    /** Pages whose little text mentions these are consent walls. */
    static final Pattern CONSENT_WALL = Pattern.compile(
            "\\b(?:cookies?|consent|privacy settings|accept all|reject all|we value your privacy|datenschutz|"
                    + "einwilligung|consentement|consentimiento)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Pages whose little text mentions these are behind a paywall. */
    static final Pattern PAYWALL = Pattern.compile(
            "\\b(?:subscribe to (?:continue|read)|subscribers only|already a subscriber|to continue reading|"
                    + "premium article|sign in to read|this article is for subscribers|abonnez-vous|jetzt abonnieren)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Pages that render only with scripts say so in their noscript text. */
    static final Pattern NEEDS_SCRIPT = Pattern.compile(
            "\\b(?:enable javascript|javascript is (?:disabled|required)|turn on javascript)\\b",
            Pattern.CASE_INSENSITIVE);

    // ---- metadata -----------------------------------------------------------------------------------

    /** Separators between a headline and the site name in a title tag. */
    static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—:·»/\\\\]\\s+");

    /** A title part shorter than this (in words) may be the site name. */
    static final int SITE_NAME_MAX_WORDS = 6;

    /** Dates in article URLs: /2024/05/17/ or /2024-05-17. */
    static final Pattern URL_DATE =
            Pattern.compile("/((?:19|20)\\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\\d|3[01])(?:[/-]|$)");

    /** Bylines start with these words, which are dropped. */
    static final Pattern BYLINE_PREFIX =
            Pattern.compile("^(?:by|von|par|por|di|door|автор|بقلم)\\s*:?\\s+", Pattern.CASE_INSENSITIVE);

    /** Longest plausible byline. */
    static final int BYLINE_MAX_CHARS = 100;

    /** Characters of text sampled for language detection. */
    static final int LANGUAGE_SAMPLE_CHARS = 4000;

    // ---- continue-reading links in feed entries -------------------------------------------------------

    /** Anchor texts that say "the rest of this story is there", per language (lower case, no brackets or ellipses). */
    static final List<String> CONTINUE_ANCHORS = List.of(
            // en
            "continue reading",
            "keep reading",
            "read more",
            "read the full story",
            "read the full article",
            "read full story",
            "read full article",
            "read the rest",
            "read the whole story",
            "read the whole thing",
            "full story",
            "full article",
            "read on",
            "read the story",
            "read the article",
            "more",
            // fr
            "lire la suite",
            "la suite",
            "lire l'article",
            "lire l’article",
            "lire l'article complet",
            "lire plus",
            "suite de l'article",
            "continuer la lecture",
            // de
            "weiterlesen",
            "weiter lesen",
            "mehr lesen",
            "zum artikel",
            "ganzen artikel lesen",
            "artikel lesen",
            "hier weiterlesen",
            // es
            "seguir leyendo",
            "sigue leyendo",
            "continuar leyendo",
            "leer más",
            "leer mas",
            "leer el artículo completo",
            "lee más",
            "ver más",
            // it
            "continua a leggere",
            "continua la lettura",
            "leggi tutto",
            "leggi di più",
            "leggi l'articolo",
            "leggi l’articolo",
            "leggi il resto",
            // pt
            "continuar lendo",
            "continue lendo",
            "continuar a ler",
            "leia mais",
            "ler mais",
            "leia a matéria completa",
            "saiba mais",
            // nl
            "lees verder",
            "verder lezen",
            "lees meer",
            "lees het hele artikel",
            "lees het volledige artikel",
            // ru
            "читать далее",
            "читать дальше",
            "читать полностью",
            "подробнее",
            "продолжение",
            "читать статью",
            // ar
            "اقرأ المزيد",
            "إقرأ المزيد",
            "تابع القراءة",
            "أكمل القراءة",
            "واصل القراءة",
            "المزيد",
            "اقرأ القصة كاملة");

    /** Words written just before a link to name it as the source, strongest first, per language. */
    static final List<String> SOURCE_LEAD_INS = List.of(
            "read the full story at",
            "read the full story on",
            "read the full article at",
            "read the full article on",
            "read the rest at",
            "read the rest on",
            "read more at",
            "read more on",
            "continue reading at",
            "continue reading on",
            "full story at",
            "full story on",
            "originally published at",
            "originally published on",
            "lire la suite sur",
            "lire l'article sur",
            "weiterlesen bei",
            "weiterlesen auf",
            "leer más en",
            "seguir leyendo en",
            "leggi su",
            "continua a leggere su",
            "leia mais em",
            "continue lendo em",
            "lees verder op",
            "lees meer op",
            "подробнее на",
            "читать далее на",
            "اقرأ المزيد على",
            "المزيد على");

    /** "Source: X" lead-ins, weaker than the above. */
    static final List<String> SOURCE_LABELS = List.of(
            "source",
            "sources",
            "source :",
            "quelle",
            "fuente",
            "fonte",
            "bron",
            "источник",
            "المصدر",
            "h/t",
            "hat tip",
            "hattip");

    /** "(via X)" lead-ins, weakest. */
    static final List<String> VIA_LABELS = List.of("via", "vía", "через", "عبر");

    /** "The post … appeared first on …": a link back to the blog itself, never the source. */
    static final Pattern APPEARED_FIRST = Pattern.compile(
            "appeared first on|est apparu en premier sur|erschien zuerst auf|apareció primero en|apareceu primeiro em"
                    + "|è apparso per la prima volta su|verscheen eerst op|впервые появилась на|ظهر أولاً على",
            Pattern.CASE_INSENSITIVE);

    /** Links that share, comment, tag or categorise, never the source. */
    static final Pattern NOT_A_SOURCE_HREF = Pattern.compile(
            "^(?:mailto:|javascript:|tel:|sms:|#)|facebook\\.com/(?:sharer|share|dialog)|(?:twitter|x)\\.com/(?:intent|share|home\\?status)"
                    + "|linkedin\\.com/(?:sharearticle|shareArticle|share)|pinterest\\.[a-z.]+/pin/create|reddit\\.com/submit"
                    + "|api\\.whatsapp\\.com|wa\\.me/|t\\.me/share|telegram\\.me/share|vk\\.com/share|getpocket\\.com/save"
                    + "|news\\.ycombinator\\.com/submitlink|[?&](?:share|replytocom)=|#comments?\\b|#respond|/comments?/?(?:$|[?#])"
                    + "|/(?:tag|tags|category|categories|author|topics?)/|/feed/?$",
            Pattern.CASE_INSENSITIVE);

    /** Anchor texts of share and comment links. */
    static final Pattern NOT_A_SOURCE_TEXT = Pattern.compile(
            "\\b(?:comments?|share|tweet|reply|leave a|kommentar|commentaire|comentario|commento|комментар|تعليق)",
            Pattern.CASE_INSENSITIVE);

    /** How much text before a link is searched for a lead-in phrase. */
    static final int LEAD_IN_WINDOW_CHARS = 60;

    /** Longest anchor text still read as a "continue" phrase with a tail ("Continue reading at Reuters"). */
    static final int CONTINUE_ANCHOR_EXTRA_CHARS = 40;

    /** An entry shorter than this (in characters of text) is an excerpt, not the whole story. */
    static final int EXCERPT_MAX_CHARS = 600;

    /** Endings of truncated entries: ellipses, "[…]", "(more…)". */
    static final Pattern EXCERPT_ENDING = Pattern.compile(
            "(?:…|\\.\\.\\.|\\[\\s*(?:…|\\.\\.\\.)\\s*]|\\(\\s*more\\s*(?:…|\\.\\.\\.)?\\s*\\)|\\[\\s*more\\s*])\\s*$",
            Pattern.CASE_INSENSITIVE);
}
