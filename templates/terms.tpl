{{%AUTOESCAPE context="HTML"}}
<header class="page-header">
<h1>{{HEADING}}</h1>
<p class="page-header__count">{{COUNT_TEXT}}</p>
</header>
<ul class="terms terms--{{TAXONOMY_NAME}}">
{{#TERM}}<li><a href="{{HREF}}"><bdi>{{NAME}}</bdi></a> <span class="count">{{COUNT_TEXT}}</span></li>
{{/TERM}}</ul>
