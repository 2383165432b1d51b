{{%AUTOESCAPE context="HTML"}}
<header class="page-header">
<h1>{{HEADING}}</h1>
<p class="page-header__count">{{COUNT_TEXT}}</p>
</header>
{{#TYPES}}<nav class="entity-types" aria-label="{{T_ENTITY_TYPES}}">
<ul>
{{#TYPE}}<li><a href="{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a> <span class="count">{{COUNT_TEXT}}</span></li>
{{/TYPE}}</ul>
</nav>
{{/TYPES}}
<nav class="letters" aria-label="{{T_INDEX_LETTERS}}">
<p>{{#GROUP}}<a href="#{{ID}}">{{LETTER}}</a>{{#GROUP_SEPARATOR}} {{/GROUP_SEPARATOR}}{{/GROUP}}</p>
</nav>
{{#GROUP}}<section class="entity-group">
<h2 class="entity-group__letter" id="{{ID}}">{{LETTER}}</h2>
<ul class="entity-list">
{{#ENTITY}}<li><a href="{{HREF}}"><bdi>{{NAME}}</bdi></a> <span class="entity-list__type">{{TYPE_LABEL}}</span> <span class="count">{{COUNT_TEXT}}</span></li>
{{/ENTITY}}</ul>
</section>
{{/GROUP}}
