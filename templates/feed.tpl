{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{LANG}}">
<title>{{TITLE}}</title>
<id>{{FEED_URL}}</id>
<link rel="self" type="application/atom+xml" href="{{FEED_URL}}"/>
<link rel="alternate" type="text/html" hreflang="{{LANG}}" href="{{HOME_URL}}"/>
<updated>{{UPDATED}}</updated>
<author><name>{{SITE_TITLE}}</name></author>
<generator>arshif</generator>
{{#ENTRY}}<entry xml:base="{{URL}}">
<title>{{TITLE}}</title>
<link rel="alternate" type="text/html" href="{{URL}}"/>
{{#IMAGE}}<link rel="enclosure" href="{{URL}}"/>
{{/IMAGE}}<id>{{ID}}</id>
<published>{{PUBLISHED}}</published>
<updated>{{UPDATED}}</updated>
{{#AUTHOR}}<author><name>{{NAME}}</name></author>
{{/AUTHOR}}{{#CATEGORY}}<category term="{{TERM}}"/>
{{/CATEGORY}}<summary>{{SUMMARY}}</summary>
{{#CONTENT_SECTION}}<content type="html">{{CONTENT}}</content>
{{/CONTENT_SECTION}}</entry>
{{/ENTRY}}</feed>
