{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}" dir="{{DIR}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{PAGE_TITLE}}</title>
{{#META_DESCRIPTION}}<meta name="description" content="{{TEXT}}">
{{/META_DESCRIPTION}}<meta property="og:site_name" content="{{SITE_TITLE}}">
<meta property="og:type" content="{{OG_TYPE}}">
<meta property="og:title" content="{{OG_TITLE}}">
{{#CANONICAL}}<meta property="og:url" content="{{URL}}">
{{/CANONICAL}}<meta property="og:locale" content="{{OG_LOCALE}}">
{{#OG_LOCALE_ALT}}<meta property="og:locale:alternate" content="{{LOCALE}}">
{{/OG_LOCALE_ALT}}{{#META_DESCRIPTION}}<meta property="og:description" content="{{TEXT}}">
{{/META_DESCRIPTION}}{{#IMAGE}}<meta property="og:image" content="{{URL}}">
{{#SIZE}}<meta property="og:image:width" content="{{WIDTH}}">
<meta property="og:image:height" content="{{HEIGHT}}">
{{/SIZE}}{{/IMAGE}}{{#OG_ARTICLE}}<meta property="article:published_time" content="{{PUBLISHED}}">
<meta property="article:modified_time" content="{{MODIFIED}}">
{{#SECTION}}<meta property="article:section" content="{{NAME}}">
{{/SECTION}}{{#TAG}}<meta property="article:tag" content="{{NAME}}">
{{/TAG}}{{/OG_ARTICLE}}<meta name="twitter:card" content="{{TWITTER_CARD}}">
<meta name="twitter:title" content="{{OG_TITLE}}">
{{#META_DESCRIPTION}}<meta name="twitter:description" content="{{TEXT}}">
{{/META_DESCRIPTION}}{{#IMAGE}}<meta name="twitter:image" content="{{URL}}">
{{/IMAGE}}{{#JSON_LD}}<script type="application/ld+json">{{JSON:none}}</script>
{{/JSON_LD}}{{#NOINDEX}}<meta name="robots" content="noindex">
{{/NOINDEX}}{{#CANONICAL}}<link rel="canonical" href="{{URL}}">
{{/CANONICAL}}{{#REFRESH}}<meta http-equiv="refresh" content="0; url={{DEFAULT_HREF}}">
{{/REFRESH}}{{#ALTERNATE}}<link rel="alternate" hreflang="{{HREFLANG}}" href="{{URL}}">
{{/ALTERNATE}}<link rel="alternate" type="application/atom+xml" title="{{SITE_TITLE}}" href="{{FEED_HREF}}">
{{#PAGE_FEED}}<link rel="alternate" type="application/atom+xml" title="{{TITLE}}" href="{{HREF}}">
{{/PAGE_FEED}}<link rel="stylesheet" href="{{STATIC_HREF}}style.css">
<link rel="icon" type="image/svg+xml" href="{{STATIC_HREF}}favicon.svg">
</head>
<body>
<a class="skip-link" href="#main">{{T_SKIP_TO_CONTENT}}</a>
<header class="masthead">
<div class="masthead__bar wrap">
{{#LANGUAGES}}<nav class="languages" aria-label="{{T_LANGUAGES}}">
<ul>
{{#LANGUAGE}}<li><a href="{{HREF}}" hreflang="{{LANG}}" lang="{{LANG}}" dir="{{DIR}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{NAME}}</a></li>
{{/LANGUAGE}}</ul>
</nav>
{{/LANGUAGES}}</div>
<p class="masthead__title wrap"><a href="{{HOME_HREF}}" rel="home">{{SITE_TITLE}}</a></p>
<nav class="site-nav" aria-label="{{T_MAIN_NAVIGATION}}">
<ul class="wrap">
<li><a href="{{HOME_HREF}}">{{T_HOME}}</a></li>
<li><a href="{{ENTITIES_HREF}}">{{T_ENTITIES}}</a></li>
{{#TAXONOMY}}<li><a href="{{HREF}}">{{LABEL}}</a></li>
{{/TAXONOMY}}<li><a href="{{SEARCH_HREF}}">{{T_SEARCH}}</a></li>
<li><a href="{{FEED_HREF}}" type="application/atom+xml">{{T_FEED}}</a></li>
</ul>
</nav>
</header>
<main id="main" class="wrap">
{{CONTENT:none}}
</main>
<footer class="site-footer">
<div class="wrap">
<p class="site-footer__title"><a href="{{HOME_HREF}}">{{SITE_TITLE}}</a></p>
<ul class="site-footer__links">
<li><a href="{{ENTITIES_HREF}}">{{T_ALL_ENTITIES}}</a></li>
<li><a href="{{FEED_HREF}}" type="application/atom+xml">{{T_FEED}}</a></li>
</ul>
</div>
</footer>
</body>
</html>
