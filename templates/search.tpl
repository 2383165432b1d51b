{{%AUTOESCAPE context="HTML"}}
{{! The form works without JavaScript (a plain GET of this page); static/search.js answers it here. }}
<div class="search" id="search" data-lang="{{LANG}}" data-numbers="{{NUMBERS}}" data-root="{{STATIC_HREF}}"
 data-t-loading="{{T_SEARCH_LOADING}}" data-t-none="{{T_SEARCH_NONE}}" data-t-failed="{{T_SEARCH_FAILED}}"
 data-t-entity="{{T_SEARCH_ENTITY}}" data-t-page="{{T_SEARCH_PAGE}}"
 data-t-results-zero="{{T_SEARCH_RESULTS_ZERO}}" data-t-results-one="{{T_SEARCH_RESULTS_ONE}}"
 data-t-results-two="{{T_SEARCH_RESULTS_TWO}}" data-t-results-few="{{T_SEARCH_RESULTS_FEW}}"
 data-t-results-many="{{T_SEARCH_RESULTS_MANY}}" data-t-results-other="{{T_SEARCH_RESULTS_OTHER}}">
<h1>{{T_SEARCH}}</h1>
<form class="search__form" role="search" method="get" action="{{SELF_HREF}}">
<p class="search__query"><label for="search-q">{{T_SEARCH_LABEL}}</label>
<input id="search-q" name="q" type="search" autocomplete="off" required>
<button type="submit">{{T_SEARCH_BUTTON}}</button></p>
<fieldset class="search__sort">
<legend>{{T_SEARCH_SORT}}</legend>
<label><input type="radio" name="sort" value="relevance" checked> {{T_SEARCH_RELEVANCE}}</label>
<label><input type="radio" name="sort" value="newest"> {{T_SEARCH_NEWEST}}</label>
</fieldset>
</form>
<noscript><p class="search__nojs">{{T_SEARCH_NO_JS}}</p></noscript>
<p class="search__status" role="status" aria-live="polite"></p>
<ul class="search__entities"></ul>
<ol class="search__results" tabindex="-1" aria-label="{{T_SEARCH_RESULTS}}"></ol>
<nav class="search__pages pagination" aria-label="{{T_PAGINATION}}" hidden>
<button type="button" data-go="-1">{{T_SEARCH_PREVIOUS}}</button>
<button type="button" data-go="1">{{T_SEARCH_NEXT}}</button>
</nav>
</div>
<script src="{{STATIC_HREF}}search.js"></script>
