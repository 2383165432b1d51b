{{%AUTOESCAPE context="XML"}}
<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{#URL}}<url>
<loc>{{LOC}}</loc>
{{#LASTMOD}}<lastmod>{{DATE}}</lastmod>
{{/LASTMOD}}{{#ALT}}<xhtml:link rel="alternate" hreflang="{{HREFLANG}}" href="{{HREF}}"/>
{{/ALT}}</url>
{{/URL}}</urlset>
