{{%AUTOESCAPE context="HTML"}}
<div class="not-found">
<p class="not-found__code" aria-hidden="true">404</p>
<h1>{{T_NOT_FOUND_TITLE}}</h1>
<p>{{T_NOT_FOUND_TEXT}}</p>
<p><a href="{{HOME_HREF}}">{{T_HOME}}</a> · <a href="{{ENTITIES_HREF}}">{{T_ALL_ENTITIES}}</a></p>
</div>
