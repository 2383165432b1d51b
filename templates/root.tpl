{{%AUTOESCAPE context="HTML"}}
{{! layout.tpl sends the visitor on to DEFAULT_HREF (section REFRESH); the list is for those who want another language. }}
<div class="root">
<h1>{{SITE_TITLE}}</h1>
{{#LANGUAGES}}<ul class="root__languages">
{{#LANGUAGE}}<li><a href="{{HREF}}" hreflang="{{LANG}}" lang="{{LANG}}" dir="{{DIR}}">{{NAME}}</a></li>
{{/LANGUAGE}}</ul>
{{/LANGUAGES}}<p class="root__continue"><a href="{{DEFAULT_HREF}}">{{T_CONTINUE}}</a></p>
</div>
