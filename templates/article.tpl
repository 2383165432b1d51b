{{%AUTOESCAPE context="HTML"}}
<article class="article">
<header class="article__header">
<nav class="trail" aria-label="{{T_ARCHIVE}}">
<ol>
<li><a href="{{YEAR_HREF}}">{{YEAR_TEXT}}</a></li>
<li><a href="{{MONTH_HREF}}">{{MONTH_TEXT}}</a></li>
<li><a href="{{DAY_HREF}}">{{DAY_TEXT}}</a></li>
</ol>
</nav>
{{#DRAFT}}<p class="draft-marker" role="note">{{T_DRAFT_NOTICE}}</p>
{{/DRAFT}}<h1 class="article__title">{{TITLE}}</h1>
{{#STANDFIRST}}<p class="standfirst">{{SUMMARY}}</p>
{{/STANDFIRST}}
<p class="meta">
{{#AUTHOR}}<span class="meta__byline">{{T_BY}} <bdi class="meta__author">{{NAME}}</bdi></span>
{{/AUTHOR}}{{#AUTHORS}}<span class="meta__byline">{{T_BY}} {{#AUTHOR_LINK}}<a href="{{HREF}}" rel="author"><bdi class="meta__author">{{NAME}}</bdi></a>{{#AUTHOR_LINK_separator}}{{T_LIST_SEPARATOR}}{{/AUTHOR_LINK_separator}}{{/AUTHOR_LINK}}</span>
{{/AUTHORS}}{{#SECTION}}<span class="meta__section">{{T_SECTION}}: <a href="{{HREF}}"><bdi>{{NAME}}</bdi></a></span>
{{/SECTION}}<span class="meta__date">{{T_PUBLISHED}} <time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time>{{#OTHER_CALENDAR}} <span class="meta__calendar">(<bdi>{{DATE_TEXT}}</bdi>)</span>{{/OTHER_CALENDAR}}</span>
{{#UPDATED}}<span class="meta__date">{{T_UPDATED}} <time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time></span>
{{/UPDATED}}</p>
{{#IMAGE}}<figure class="article__hero"><img src="{{SRC}}" alt="{{ALT}}"{{#SIZE}} width="{{WIDTH}}" height="{{HEIGHT}}"{{/SIZE}}></figure>
{{/IMAGE}}</header>
{{#BODY_SECTION}}<div class="article__body prose">
{{BODY:none}}
</div>
{{/BODY_SECTION}}
<footer class="article__footer">
{{#ENTITIES}}<section class="article__section">
<h2>{{T_ENTITIES}}</h2>
<ul class="chips">
{{#ENTITY}}<li class="chip chip--{{TYPE}}"><a href="{{HREF}}"><bdi>{{NAME}}</bdi></a> <span class="chip__type">{{TYPE_LABEL}}</span></li>
{{/ENTITY}}</ul>
<p class="more-link"><a href="{{ENTITIES_HREF}}">{{T_ALL_ENTITIES}}</a></p>
</section>
{{/ENTITIES}}{{#TAGS}}<section class="article__section">
<h2>{{T_TAGS}}</h2>
<ul class="tags">
{{#TAG}}<li><a href="{{HREF}}" rel="tag"><bdi>{{NAME}}</bdi></a></li>
{{/TAG}}</ul>
</section>
{{/TAGS}}{{#TRANSLATIONS}}<section class="article__section">
<h2>{{T_TRANSLATIONS}}</h2>
<ul class="translations">
{{#TRANSLATION}}<li><span class="translations__language"><bdi lang="{{LANG}}" dir="{{DIR}}">{{LANGUAGE_NAME}}</bdi></span> <a href="{{HREF}}" hreflang="{{LANG}}" lang="{{LANG}}" dir="{{DIR}}">{{TITLE}}</a></li>
{{/TRANSLATION}}</ul>
</section>
{{/TRANSLATIONS}}{{#RELATED}}<section class="article__section">
<h2>{{T_RELATED_ARTICLES}}</h2>
<ul class="related">
{{#ARTICLE}}<li><a href="{{HREF}}">{{TITLE}}</a> <time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time></li>
{{/ARTICLE}}</ul>
</section>
{{/RELATED}}</footer>
</article>
<nav class="article-nav" aria-label="{{T_ARTICLE_NAVIGATION}}">
{{#PREV}}<a class="article-nav__link article-nav__link--prev" href="{{HREF}}" rel="prev"><span class="article-nav__label"><span class="arrow" aria-hidden="true">‹</span> {{T_PREVIOUS_ARTICLE}}</span> <span class="article-nav__title" dir="{{DIR}}">{{TITLE}}</span></a>
{{/PREV}}<a class="article-nav__link article-nav__link--up" href="{{MONTH_HREF}}"><span class="article-nav__label">{{T_ARCHIVE}}</span> <span class="article-nav__title">{{MONTH_TEXT}}</span></a>
{{#NEXT}}<a class="article-nav__link article-nav__link--next" href="{{HREF}}" rel="next"><span class="article-nav__label">{{T_NEXT_ARTICLE}} <span class="arrow" aria-hidden="true">›</span></span> <span class="article-nav__title" dir="{{DIR}}">{{TITLE}}</span></a>
{{/NEXT}}</nav>
