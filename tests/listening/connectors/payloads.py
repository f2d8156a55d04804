"""Payloads in the platforms' documented formats, French and English, for the fake servers."""

from __future__ import annotations

import json
from typing import Any

INSTANCE_HOST = "127.0.0.1"


def mastodon_account(acct: str = "camille", **extra: Any) -> dict[str, Any]:
    username = acct.split("@")[0]
    return {
        "id": "109347530000000001",
        "username": username,
        "acct": acct,
        "display_name": "Camille Rousseau",
        "locked": False,
        "bot": False,
        "created_at": "2022-11-14T00:00:00.000Z",
        "note": "<p>Cycliste urbaine</p>",
        "url": f"https://piaille.example/@{username}",
        "avatar": "https://piaille.example/avatars/original/missing.png",
        "followers_count": 214,
        "following_count": 180,
        "statuses_count": 1520,
        **extra,
    }


def mastodon_status(
    status_id: str,
    content: str = "<p>Mon <a href='#'>#velonova</a> est encore en panne, trois semaines "
    "sans réponse du SAV.</p>",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": status_id,
        "created_at": "2026-11-16T09:14:03.000Z",
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "fr",
        "uri": f"https://piaille.example/users/camille/statuses/{status_id}",
        "url": f"https://piaille.example/@camille/{status_id}",
        "replies_count": 2,
        "reblogs_count": 5,
        "favourites_count": 11,
        "edited_at": None,
        "content": content,
        "reblog": None,
        "application": {"name": "Web", "website": None},
        "account": mastodon_account(),
        "media_attachments": [],
        "mentions": [],
        "tags": [{"name": "velonova", "url": "https://piaille.example/tags/velonova"}],
        "emojis": [],
        "card": None,
        "poll": None,
        **extra,
    }


def mastodon_notification(notification_id: str, status: dict[str, Any], kind: str = "mention"):
    return {
        "id": notification_id,
        "type": kind,
        "created_at": status["created_at"],
        "account": status["account"],
        "status": status,
    }


def mastodon_event(event: str, payload: Any, stream: list[str] | None = None) -> str:
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return json.dumps(
        {"stream": stream or ["hashtag", "velonova"], "event": event, "payload": body}
    )


def bluesky_post(rkey: str, text: str = "", **extra: Any) -> dict[str, Any]:
    did = "did:plc:z72i7hdynmk6r22z27h6tvur"
    return {
        "uri": f"at://{did}/app.bsky.feed.post/{rkey}",
        "cid": "bafyreib2rxk3rh6kzwq3w5bhqvb6n5ulcdxsdtn4u5gjpt5zwzqoikxr4u",
        "author": {
            "did": did,
            "handle": "camille.bsky.social",
            "displayName": "Camille",
            "avatar": "https://cdn.bsky.app/img/avatar/plain/did:plc:z72/bafkrei@jpeg",
            "labels": [],
            "createdAt": "2023-04-12T04:53:57.057Z",
        },
        "record": {
            "$type": "app.bsky.feed.post",
            "createdAt": "2026-11-16T09:14:03.101Z",
            "langs": ["fr"],
            "text": text or "Vélonova ne répond plus depuis trois semaines, mon antivol a cédé.",
        },
        "replyCount": 1,
        "repostCount": 4,
        "likeCount": 12,
        "quoteCount": 0,
        "indexedAt": "2026-11-16T09:14:04.220Z",
        "labels": [],
        **extra,
    }


def jetstream_commit(time_us: int, rkey: str, text: str = "", **record: Any) -> dict[str, Any]:
    return {
        "did": "did:plc:eygmaihciaxprqvxpfvl6flk",
        "time_us": time_us,
        "kind": "commit",
        "commit": {
            "rev": "3l3qo2vutsw2b",
            "operation": "create",
            "collection": "app.bsky.feed.post",
            "rkey": rkey,
            "record": {
                "$type": "app.bsky.feed.post",
                "createdAt": "2026-11-16T09:14:03.101Z",
                "langs": ["en"],
                "text": text or "Velonova support closed my ticket twice, lock still broken.",
                **record,
            },
            "cid": "bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi",
        },
    }


def reddit_post(post_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "t3",
        "data": {
            "id": post_id,
            "name": f"t3_{post_id}",
            "subreddit": "bikecommuting",
            "title": "Velonova closed my ticket twice",
            "selftext": "Lock broke after a week, support closed my ticket twice. Anyone else?",
            "author": "rainy_rider",
            "created_utc": 1794820443.0,
            "permalink": f"/r/bikecommuting/comments/{post_id}/velonova_closed_my_ticket_twice/",
            "url": f"https://www.reddit.com/r/bikecommuting/comments/{post_id}/",
            "score": 42,
            "num_comments": 17,
            "over_18": False,
            **extra,
        },
    }


def reddit_comment(comment_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "t1",
        "data": {
            "id": comment_id,
            "name": f"t1_{comment_id}",
            "subreddit": "velotaf",
            "body": "Même problème avec le SAV Vélonova, aucune réponse.",
            "author": "gaston_velo",
            "link_id": "t3_1gq7x2k",
            "parent_id": "t3_1gq7x2k",
            "link_title": "SAV Vélonova",
            "created_utc": 1794820443,
            "permalink": f"/r/velotaf/comments/1gq7x2k/sav/{comment_id}/",
            "score": 3,
            **extra,
        },
    }


def reddit_listing(children: list[Any], after: str | None = None) -> dict[str, Any]:
    return {
        "kind": "Listing",
        "data": {"after": after, "dist": len(children), "children": children, "before": None},
    }


def youtube_thread(comment_id: str, text: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "kind": "youtube#commentThread",
        "etag": "Xx1",
        "id": comment_id,
        "snippet": {
            "channelId": "UCvEl0n0vAteSt",
            "videoId": "Xk3bAs7i0nU",
            "topLevelComment": {
                "kind": "youtube#comment",
                "etag": "Xx2",
                "id": comment_id,
                "snippet": {
                    "channelId": "UCvEl0n0vAteSt",
                    "videoId": "Xk3bAs7i0nU",
                    "textDisplay": text or "Même chose, mon antivol Vélonova cède en 10 s.",
                    "textOriginal": text or "Même chose, mon antivol Vélonova cède en 10 s.",
                    "authorDisplayName": "@gaston",
                    "authorProfileImageUrl": "https://yt3.ggpht.com/a/default-user",
                    "authorChannelUrl": "http://www.youtube.com/@gaston",
                    "authorChannelId": {"value": "UCgaston"},
                    "canRate": True,
                    "viewerRating": "none",
                    "likeCount": 7,
                    "publishedAt": "2026-11-16T09:14:03Z",
                    "updatedAt": "2026-11-16T09:14:03Z",
                },
            },
            "canReply": True,
            "totalReplyCount": 2,
            "isPublic": True,
        },
        **extra,
    }


def youtube_page(threads: list[Any], next_token: str | None = None) -> dict[str, Any]:
    page = {
        "kind": "youtube#commentThreadListResponse",
        "etag": "page",
        "pageInfo": {"totalResults": len(threads), "resultsPerPage": 100},
        "items": threads,
    }
    return page | ({"nextPageToken": next_token} if next_token else {})


def x_post(post_id: str, text: str = "", author_id: str = "2244994945", **extra: Any):
    return {
        "id": post_id,
        "text": text or "@velonova my lock broke after a week and support closed my ticket twice",
        "created_at": "2026-11-16T09:14:03.000Z",
        "author_id": author_id,
        "lang": "en",
        "conversation_id": post_id,
        "edit_history_tweet_ids": [post_id],
        "public_metrics": {
            "retweet_count": 3,
            "reply_count": 1,
            "like_count": 9,
            "quote_count": 0,
            "bookmark_count": 0,
            "impression_count": 1200,
        },
        **extra,
    }


def x_page(posts: list[Any], newest: str | None = None) -> dict[str, Any]:
    users = [
        {
            "id": "2244994945",
            "name": "Priya N.",
            "username": "priya_rides",
            "public_metrics": {"followers_count": 5120, "following_count": 300},
        }
    ]
    meta: dict[str, Any] = {"result_count": len(posts)}
    if newest:
        meta |= {"newest_id": newest, "oldest_id": newest}
    return {"data": posts, "includes": {"users": users}, "meta": meta}
