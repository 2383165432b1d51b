{{%AUTOESCAPE context="HTML"}}
<div class="list-layout">
<div class="list-main">
<header class="page-header">
<h1><bdi>{{HEADING}}</bdi></h1>
{{#DESCRIPTION}}<div class="page-header__description prose">
{{HTML:none}}
</div>
{{/DESCRIPTION}}{{#ENTITY_INFO}}<p class="page-header__type">{{TYPE_LABEL}}{{#WIKIDATA}} · <a href="{{URL}}" rel="external">Wikidata {{ID}}</a>{{/WIKIDATA}}</p>
{{/ENTITY_INFO}}{{#TERM_INFO}}<p class="page-header__type">{{LABEL}} · <a href="{{INDEX_HREF}}">{{INDEX_LABEL}}</a></p>
{{/TERM_INFO}}<p class="page-header__count">{{COUNT_TEXT}}</p>
{{#PAGE_FEED}}<p class="page-header__feed"><a href="{{HREF}}" type="application/atom+xml">{{T_FOLLOW_FEED}}</a></p>
{{/PAGE_FEED}}
</header>
{{#PERIOD_NAV}}<nav class="period-nav" aria-label="{{T_DATE_NAVIGATION}}">
{{#PREV_PERIOD}}<a class="period-nav__prev" href="{{HREF}}" rel="prev"><span class="arrow" aria-hidden="true">‹</span> {{LABEL}}</a>
{{/PREV_PERIOD}}{{#UP}}<a class="period-nav__up" href="{{HREF}}">{{LABEL}}</a>
{{/UP}}{{#NEXT_PERIOD}}<a class="period-nav__next" href="{{HREF}}" rel="next">{{LABEL}} <span class="arrow" aria-hidden="true">›</span></a>
{{/NEXT_PERIOD}}</nav>
{{/PERIOD_NAV}}<div class="items">
{{#ITEM}}<article class="item">
{{#IMAGE}}<img class="item__image" src="{{SRC}}" alt="" loading="lazy"{{#SIZE}} width="{{WIDTH}}" height="{{HEIGHT}}"{{/SIZE}}>
{{/IMAGE}}<h2 class="item__title"><a href="{{HREF}}" dir="{{DIR}}">{{TITLE}}</a></h2>
<p class="item__date"><time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time></p>
{{#HAS_SUMMARY}}<p class="item__summary" dir="{{DIR}}">{{SUMMARY}}</p>
{{/HAS_SUMMARY}}
<p class="item__more"><a href="{{HREF}}">{{T_READ_MORE}}<span class="visually-hidden">: <bdi>{{TITLE}}</bdi></span></a></p>
</article>
{{/ITEM}}</div>
{{#PAGINATION}}<nav class="pagination" aria-label="{{T_PAGINATION}}">
{{#NEWER}}<a class="pagination__newer" href="{{HREF}}" rel="prev"><span class="arrow" aria-hidden="true">‹</span> {{T_NEWER}}</a>
{{/NEWER}}<span class="pagination__page">{{PAGE_TEXT}}</span>
{{#OLDER}}<a class="pagination__older" href="{{HREF}}" rel="next">{{T_OLDER}} <span class="arrow" aria-hidden="true">›</span></a>
{{/OLDER}}</nav>
{{/PAGINATION}}</div>
<div class="list-side">{{#PERIODS}}<section class="side-box">
<h2>{{T_ARCHIVE}}</h2>
<ul class="periods">
{{#PERIOD}}<li><a href="{{HREF}}">{{LABEL}}</a> <span class="count">{{COUNT_TEXT}}</span></li>
{{/PERIOD}}</ul>
</section>
{{/PERIODS}}{{#OTHER_LANGUAGE_COUNTS}}<section class="side-box">
<h2>{{T_IN_OTHER_LANGUAGES}}</h2>
<ul class="periods">
{{#COUNT}}<li><a href="{{HREF}}" hreflang="{{LANG}}" lang="{{LANG}}" dir="{{DIR}}">{{LANGUAGE_NAME}}</a> <span class="count"><bdi>{{COUNT_TEXT}}</bdi></span></li>
{{/COUNT}}</ul>
</section>
{{/OTHER_LANGUAGE_COUNTS}}{{#MENTIONS}}<section class="side-box">
<h2>{{T_MENTIONS}}</h2>
<dl class="mentions">
{{#FIRST}}<dt>{{T_FIRST_MENTION}}</dt>
<dd><a href="{{HREF}}"><time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time></a></dd>
{{/FIRST}}{{#LAST}}<dt>{{T_LAST_MENTION}}</dt>
<dd><a href="{{HREF}}"><time datetime="{{DATE_ISO}}">{{DATE_TEXT}}</time></a></dd>
{{/LAST}}</dl>
</section>
{{/MENTIONS}}{{#TIMELINE}}<section class="side-box">
<h2>{{T_TIMELINE}}</h2>
<ul class="timeline">
{{#YEAR}}<li><a href="{{HREF}}">{{LABEL}}</a> <meter min="0" max="{{MAX}}" value="{{COUNT}}">{{COUNT_TEXT}}</meter> <span class="count">{{COUNT_TEXT}}</span></li>
{{/YEAR}}</ul>
</section>
{{/TIMELINE}}{{#COMPANIONS}}<section class="side-box">
<h2>{{T_APPEARS_WITH}}</h2>
<ul class="periods">
{{#COMPANION}}<li><a href="{{HREF}}"><bdi>{{NAME}}</bdi></a> <span class="count">{{COUNT_TEXT}}</span></li>
{{/COMPANION}}</ul>
</section>
{{/COMPANIONS}}</div>
</div>
