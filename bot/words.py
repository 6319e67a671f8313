"""The bot's own words, one table per language: labels, headings, paging lines, help prose, month names and
the verbs the bot writes itself. Article text, quotes and names never pass through here: a Spanish sentence
is shown as written. A desk's `language` (seeds/desks.toml, English by default) picks the table, so a
`/news` answer reads its labels in the desk's language while each quoted line keeps its own.

A phrase is a `str.format` template; every language has every key (a test checks it), so a missing word is
a failed test, not an English word in a Spanish answer.
"""

from __future__ import annotations

import re

DEFAULT = "en"

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
}

WEEKDAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "es": ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "date_unknown": "date unknown",
        "no_known_date": "no known date",
        "undated": "undated",
        "based_on": "Based on {count} {noun}, {span}",
        "article": "article",
        "articles": "articles",
        "sources": "Sources:",
        "no_link": "no link recorded",
        "untitled": "Untitled",
        "more_cli": "(showing {first}–{last} of {total}; use --offset {next} for more)",
        "items_of": "Items {first}–{last} of {total}",
        "more_not_shown": "…and {count} more not shown",
        "more_sources": "…and {count} more sources",
        "nothing_to_show": "Nothing to show.",
        "nothing_found": "Nothing in {desk} for “{searched}” ({action}).{hint}",
        "anything": "anything",
        "try": " Try: {suggestions}.",
        "no_one": "No one called “{name}” in the archive.",
        "not_on_desk": "No one called “{name}” on this desk; `{whole} who {name}` looks in the whole archive.",
        "namesakes": "Others of that name: {names}",
        "who_what": "Who? Add a name, e.g. `who José Jerí`.",
        "search_what": "Search for what? e.g. `search \"gota a gota\"`.",
        "no_more": "No more: all {total} items of this answer were shown (this page starts at {first}).",
        "said": "said",
        "that": "that",
        "according_to": "According to {who}, {clause}",
        "unattributed_reported": "Unattributed, reported: {clause}",
        "unattributed": "Unattributed: “{quote}”",
        "roles": "Roles: {roles}",
        "affiliations": "Affiliations: {affiliations}",
        "also_written": "Also written: {aliases}",
        "in_articles": "In {count} {noun}",
        "newest": "(newest: {marks})",
        "appears_with": "Appears with: {names}",
        "open_article": "Open the article",
        "report_problem": "Report a problem",
        "previous": "Previous",
        "previous_items": "Previous {count} items",
        "more": "More",
        "next_items": "Next {count} items",
        "next_items_private": "Next items, shown only to you",
        "share_channel": "Share in channel",
        "share_thread": "Share in thread",
        "post_here": "Post this answer in {where} for everyone",
        "this_thread": "this thread",
        "the_channel": "the channel",
        "shared_by": "shared by {user}",
        "help_ask": "Ask {command} ({title})",
        "help_elsewhere": "Other ways in",
        "help_summary": "what the coverage says, each line linked to its article",
        "help_facts": "the figures; `timeline` for dated events, `quotes` for who said what",
        "help_who": "who someone is, their roles and what they said",
        "help_search": "articles containing a phrase",
        "help_latest": "the newest articles",
        "help_related": "an article's story: earlier and later coverage, and why (an id or a link)",
        "help_add": "read an article into the archive",
        "help_subscribe": "new coverage posted to this channel (`instant`, `hourly`, `weekly mon 08:00`); "
                          "`subscriptions` lists them",
        "help_feeds_all": "the RSS and Atom feeds every desk follows (a desk's own command adds one)",
        "help_feeds": "follow a site's RSS or Atom feed; `feeds` lists them",
        "help_one_desk": "the same question on one desk's coverage only",
        "help_every_desk": "the same question across every desk",
        "help_mention": "in a channel: the answer comes in a thread",
        "help_shortcut": "the message shortcut (a message's ⋯ menu): stores the articles it links to",
        "help_fix": "editors: correct a fact (`{command} facts hide ID` hides it)",
        "help_shortcut_name": "Add to newsroom archive",
        "action_summary": "Summary", "action_facts": "Facts", "action_timeline": "Timeline",
        "action_quotes": "Quotes", "action_who": "Who", "action_search": "Search", "action_latest": "Latest",
        "action_related": "Related", "action_help": "Help", "action_add": "Add", "action_error": "Error",
        "type_person": "person", "type_organisation": "organisation", "type_place": "place",
        "type_group": "group", "type_event": "event", "type_product": "product", "type_work": "work",
        "type_law": "law", "type_name": "name",
        "digest_title": "{desk} digest: {about}",
        "everything": "everything",
        "about_who": "who {name}",
        "digest_counts": "{articles} in {stories}",
        "new_article_one": "{n} new article", "new_article_many": "{n} new articles",
        "story_one": "{n} story", "story_many": "{n} stories",
        "more_story_one": "{n} more story", "more_story_many": "{n} more stories",
        "article_one": "{n} article", "article_many": "{n} articles",
        "subscription_no": "subscription #{id}",
        "part_of": "part {n} of {total}",
        "digest_rest": "…and {stories} ({articles}): `{command} latest` lists them",
        "new_coverage": "new coverage",
        "untitled_lower": "untitled",
        "figures": "Figures: {figures}",
        "follows": "Follows earlier coverage: {title} ({day})",
        "counts_differ": "Two counts of {measure}: {old} ({old_source}, {old_day}) and {new} ({new_source}, "
                         "{new_day}){kinds}",
        "rose": "{measure} rose from {old} ({old_source}, {old_day}) to {new} ({new_source}, {new_day}){kinds}",
        "fell": "{measure} fell from {old} ({old_source}, {old_day}) to {new} ({new_source}, {new_day}){kinds}",
        "disagree": "Figures disagree on {measure}{period}: {new} in {new_source} vs {old} in {old_source}{kinds}",
        "folded": "{stories} ({articles}) folded; ",
        "in_thread": "every article, with what it says, is in the thread",
        "digest_text_head": "{title} → {channel} ({subscription}, {schedule}): {counts}",
        "bad_limit": "limit must be 1 or more (got {value})",
        "bad_offset": "offset must be 0 or more (got {value})",
        "cannot_answer": "Cannot answer: {why}.",
        "no_desk": "There is no desk “{desk}”. Desks: {names}.",
        "add_what": "Add what? Give a link: `add https://...`",
        "only_web_links": "Only web links (https://…) can be added",
        "nothing_stored": "{why}: `{usage}`. Nothing was stored.",
        "could_not_add": "Could not add {url}: {why}",
        "no_article_at_link": "no article found at that link",
        "added": "Added: {title}",
        "refreshed": "Already in the archive, refreshed: {title}",
        "stored": "Stored {title}",
        "stored_again": "Already in the archive (refreshed): {title}",
        "people": "People: {names}",
        "internal_error": "an internal error (logged)",
        "cut_note": "(Your command was cut to its first {chars} characters.)",
        "too_many_prefixes": "That asks for {count} words ending in *; at most {most} can. Nothing was searched: "
                             "try fewer, longer word starts (e.g. `search extort*`).",
        "too_many_words": "That has {count} different words; a question can have at most {most}. Nothing was "
                          "searched: try the few words that matter most.",
        "too_slow": "That question took more than {seconds} s to answer and was stopped. Try fewer words, or more "
                    "specific ones.",
        "not_analysed": "{code}, not analysed",
        "mentioned_in": "Mentioned in {count} {noun}.",
        "also_called": "Also called {name} in the archive: {names}",
        "related_what": "Related to what? Give an article's link or id, e.g. `related 42` or `related https://...`",
        "no_such_article": "No article “{reference}” in the archive: give a stored article's id or its link.",
        "first_of_story": "Nothing in the archive follows or precedes “{title}” {cite}: it is the first article of "
                          "its story so far.",
        "related_to": "Coverage related to “{title}” {cite}{size}:",
        "story_size": "; its story has {count} articles",
        "story_alone": "; no other article is in its story",
        "shares": "shares {names}",
        "similarity": "similarity {value}",
        "earlier": "earlier", "later": "later",
        "home_title": "newsbot — your desks' coverage",
        "home_latest": "Latest on {title} ({command})",
        "no_articles_yet": "No articles yet.",
        "channel_subscriptions": "Channel subscriptions",
        "digests_log": "Digests: posted, skipped, failed",
        "nothing_delivered": "Nothing delivered yet. Subscribe a channel with `{command} subscribe crime daily 08:00`.",
        "log_more": "`newsbot log` shows more.",
        "sorry": "Sorry, something went wrong answering that. The error has been logged.",
        "sorry_short": "Sorry, something went wrong. The error has been logged.",
        "usage_add": "Usage: `{command} add https://…`",
        "quote_not_closed": "Could not read that: a quotation mark is not closed. Example: "
                            "`facts fix 12 speaker=\"Dina Boluarte\"`",
        "no_links_to_add": "That message has no links to add.",
        "could_not_share": "Could not share: `{error}`.",
        "invite_first": " Invite me to the channel first (`/invite @newsbot`).",
        "reading": "Reading {url} …",
        "feeds_usage": "Feeds: `{command} feeds` lists them, `{command} feeds add https://…` follows one, "
                       "`{command} feeds remove ID` stops one.",
        "feed_web_links": "{why}: `{command} feeds add https://…`.",
        "feed_from_desk": "Add a feed from a desk's command (e.g. `/peru feeds add …`).",
        "feed_failed": "Could not follow {url}: {why}",
        "feed_existing": "Already following {url} as feed {id} (desk {desk}).",
        "feed_added": "Following feed {id}: {title} ({entries} entries now). New articles arrive with the next poll, "
                      "within a few minutes.",
        "no_feed": "There is no feed {feed} on {desk}; `{command} feeds` lists them.",
        "feed_removed": "Stopped following feed {id} ({title}); its articles stay.",
        "no_feeds": "{desk} follows no feeds yet.",
        "schedule_usage": "a schedule is \"instant\", \"hourly\", \"daily HH:MM\" or \"weekly DAY HH:MM\" (e.g. "
                          "\"weekly mon 08:00\")",
        "not_a_time": "“{text}” is not a time: write HH:MM, e.g. 08:00",
        "bad_schedule": "“{text}”: {usage}",
        "takes_no_time": "“{text}”: {kind} takes no time; {usage}",
        "weekly_needs_day": "“{text}”: weekly needs a day, e.g. “weekly mon 08:00”",
        "not_a_zone": "“{name}” is not a time zone: use an IANA name such as America/Lima",
        "unreadable_schedule": "I can't read “{odd}” as a schedule, so nothing was saved. Schedules: {schedules} "
                               "(e.g. `daily 07:30`). Topic words that look like one go in quotes: \"{first}\".",
        "who_subscribe": "Who? Add a name, e.g. `subscribe who José Jerí daily 08:00`.",
        "needs_channel": "A subscription needs a channel (e.g. --channel C0123ABCD).",
        "read_topics": "topic words “{topics}”",
        "read_no_topics": "no topic words (everything)",
        "read_who": "who “{name}”",
        "read_schedule": "schedule {schedule}{default}",
        "read_default": " (the default: none was given)",
        "next_due": " · next {when}",
        "last_failed": " · last post failed: {error}",
        "do_subscribe": "subscribe", "do_unsubscribe": "unsubscribe", "do_subscriptions": "list the subscriptions of",
        "not_here": ":no_entry: I can only {doing} the channel this command is typed in, not {shown}. Go to that "
                    "channel (you and I both need to be in it) and type `{command} {action} …` there. Nothing was "
                    "changed. (A topic that starts with # is read as a channel: leave the # out.)",
        "no_subs_here": "No subscriptions in this channel. Try `{command} subscribe crime daily 08:00`.",
        "subs_here": "*This channel's subscriptions*",
        "and_more": "…and {count} more",
        "unsubscribe_what": "Unsubscribe from what? Give its number or its words: `{command} unsubscribe 3` or "
                            "`{command} unsubscribe crime` (`{command} subscriptions` lists them).",
        "no_such_subscription": "No subscription “{target}” in this channel. `{command} subscriptions` lists this "
                                "channel's.",
        "unsubscribed": "Unsubscribed: {names}",
        "subscribe_usage": "Usage: `{command} subscribe <topic words> [instant | hourly | daily HH:MM | weekly DAY "
                           "HH:MM]` or `{command} subscribe who <name>`",
        "subscribed_channel": "{user} subscribed this channel to {desk} · {what} ({schedule}, {tz}). Only articles "
                              "stored from now on are posted; `{command} subscriptions` lists them.",
        "invite_to_subscribe": "I can't post in this channel yet. Invite me first (`/invite @newsbot`), then "
                               "subscribe again. Nothing was saved.",
        "slack_refused": "Slack refused the confirmation ({error}). Nothing was saved.",
        "slack_unreachable": "Could not reach Slack to confirm the subscription. Nothing was saved.",
        "subscribed": "Subscribed: {what}",
        "read_as": "Read as: {read}. Schedules: {schedules}.",
        "no_subs_desk": "No subscriptions to {desk}. In a channel: `{command} subscribe crime daily 08:00`.",
        "subscribe_in_channel": "A subscription belongs to a channel: type `{command} subscribe <topic words> "
                                "[instant | hourly | daily HH:MM | weekly DAY HH:MM]` in it, or run `newsbot "
                                "subscriptions add --channel C0123ABCD --desk {desk} [WORDS...]`.",
        "unsubscribe_in_channel": "Unsubscribe in the channel itself (`{command} unsubscribe <id or topic words>`), "
                                  "or run `newsbot subscriptions remove ID` (`newsbot subscriptions list` shows the "
                                  "ids).",
        "refusal": "Sorry — only the desk's editors can {change}. Ask one of them to do it; everyone can read, "
                   "search and ask.",
        "refusal_facts": " If something is wrong, use *Report a problem* in the ⋯ menu beside the item and an "
                         "editor will look at it.",
        "change_facts": "fix or hide facts",
        "change_feeds": "follow or stop feeds",
        "change_subscriptions": "subscribe channels or change their subscriptions",
        "not_from_a_button": ":no_entry: A button shows a page of an answer; it cannot add, follow, remove, "
                             "subscribe or fix anything. Nothing was changed.",
        "report_limited": ":hourglass: You have sent {count} reports in the last {minutes} minutes; the desk's editors "
                          "have them. Please wait a while before reporting more. This one was not recorded.",
        "report_again": ":white_check_mark: Thanks — this item was already reported as #{id}{others}; the desk's "
                        "editors have it.",
        "report_others": " ({count} reports on it)",
        "report_thanks": ":white_check_mark: Thanks — reported as #{id}. {where}.",
        "report_posted": "The desk's editors have it",
        "report_recorded": "It is recorded for the desk's editors",
        "report_head": ":triangular_flag_on_post: *Report #{id}* from {user} on {what} in `{command} {action}`",
        "report_on_fact": "a {kind} (fact {id})",
        "report_on_item": "an item of `{action}`",
        "report_article": "Article: {link}",
        "report_fix": "Fix: `{command} facts fix {id} field=value` · hide: `{command} facts hide {id}` · see: "
                      "`{command} facts show {id}`",
        "kind_statistic": "statistic", "kind_event": "event", "kind_quote": "quote", "kind_role": "role",
        "no_fact": "No fact with id {id}.",
        "fact_hidden": "Fact {id} is hidden from every answer.",
        "fix_what": "Fix what? Give FIELD=VALUE pairs; a {kind} has: {allowed}.",
        "fact_corrected": "Fact {id} corrected: {changes}",
        "cannot_set": "cannot set “{name}” on a {kind}; fields: {allowed}",
        "value_not_number": "value must be a number, not “{value}”",
        "fact_head": "Fact {id} ({kind}, article {article}): {text}",
        "fact_was_hidden": "hidden", "fact_was_corrected": "corrected",
        "why_cannot_resolve": "cannot resolve {host}",
        "why_not_public": "{host} is not a public address; only public sites can be read",
        "why_not_url": "the link is not a valid URL",
        "why_scheme": "only http and https links can be read, not {scheme}",
        "why_no_host": "the link has no host",
        "why_http": "the site answered HTTP {status}",
        "why_slow": "the site took too long to answer",
        "why_failed": "could not fetch the link ({error})",
        "why_redirects": "too many redirects",
        "why_too_large": "the page is larger than the {mb} MB limit",
        "why_encoding": "the site sent the page in an encoding newsbot cannot read ({encoding})",
        "why_layers": "the site compressed the page {count} times over; newsbot reads at most {most}",
        "why_damaged": "the site sent a damaged compressed page",
        "why_no_text": "no article text found in the page",
    },
    "es": {
        "report_limited": ":hourglass: Ha enviado {count} avisos en los últimos {minutes} minutos; los editores de la "
                          "mesa los tienen. Espere un poco antes de enviar más. Este no se registró.",
        "report_again": ":white_check_mark: Gracias: este elemento ya se había señalado como #{id}{others}; los "
                        "editores de la mesa lo tienen.",
        "report_others": " ({count} avisos sobre él)",
        "report_thanks": ":white_check_mark: Gracias: registrado como #{id}. {where}.",
        "report_posted": "Los editores de la mesa lo tienen",
        "report_recorded": "Queda registrado para los editores de la mesa",
        "report_head": ":triangular_flag_on_post: *Aviso #{id}* de {user} sobre {what} en `{command} {action}`",
        "report_on_fact": "una {kind} (dato {id})",
        "report_on_item": "un elemento de `{action}`",
        "report_article": "Artículo: {link}",
        "report_fix": "Corregir: `{command} facts fix {id} campo=valor` · ocultar: `{command} facts hide {id}` · "
                      "ver: `{command} facts show {id}`",
        "kind_statistic": "cifra", "kind_event": "fecha", "kind_quote": "cita", "kind_role": "función",
        "no_fact": "No hay ningún dato con el id {id}.",
        "fact_hidden": "El dato {id} queda oculto en todas las respuestas.",
        "fix_what": "¿Corregir qué? Indique pares CAMPO=VALOR; una {kind} tiene: {allowed}.",
        "fact_corrected": "Dato {id} corregido: {changes}",
        "cannot_set": "no se puede fijar «{name}» en una {kind}; campos: {allowed}",
        "value_not_number": "el valor debe ser un número, no «{value}»",
        "fact_head": "Dato {id} ({kind}, artículo {article}): {text}",
        "fact_was_hidden": "oculto", "fact_was_corrected": "corregido",
        "why_cannot_resolve": "no se encuentra el sitio {host}",
        "why_not_public": "{host} no es una dirección pública; solo se pueden leer sitios públicos",
        "why_not_url": "el enlace no es una URL válida",
        "why_scheme": "solo se pueden leer enlaces http y https, no {scheme}",
        "why_no_host": "el enlace no tiene sitio",
        "why_http": "el sitio respondió HTTP {status}",
        "why_slow": "el sitio tardó demasiado en responder",
        "why_failed": "no se pudo descargar el enlace ({error})",
        "why_redirects": "demasiadas redirecciones",
        "why_too_large": "la página supera el límite de {mb} MB",
        "why_encoding": "el sitio envió la página en una codificación que newsbot no puede leer ({encoding})",
        "why_layers": "el sitio comprimió la página {count} veces; newsbot lee como máximo {most}",
        "why_damaged": "el sitio envió una página comprimida dañada",
        "why_no_text": "no se encontró el texto de un artículo en la página",
        "date_unknown": "fecha desconocida",
        "no_known_date": "sin fecha conocida",
        "undated": "sin fecha",
        "based_on": "Basado en {count} {noun}, {span}",
        "article": "artículo",
        "articles": "artículos",
        "sources": "Fuentes:",
        "no_link": "sin enlace registrado",
        "untitled": "Sin título",
        "more_cli": "(se muestran {first}–{last} de {total}; use --offset {next} para ver más)",
        "items_of": "Elementos {first}–{last} de {total}",
        "more_not_shown": "…y {count} más sin mostrar",
        "more_sources": "…y {count} fuentes más",
        "nothing_to_show": "Nada que mostrar.",
        "nothing_found": "Nada en {desk} sobre «{searched}» ({action}).{hint}",
        "anything": "nada",
        "try": " Pruebe: {suggestions}.",
        "no_one": "Nadie llamado «{name}» en el archivo.",
        "not_on_desk": "Nadie llamado «{name}» en esta sección; `{whole} who {name}` busca en todo el archivo.",
        "namesakes": "Otros con ese nombre: {names}",
        "who_what": "¿Quién? Añada un nombre, p. ej. `who José Jerí`.",
        "search_what": "¿Buscar qué? P. ej. `search \"gota a gota\"`.",
        "no_more": "No hay más: se mostraron los {total} elementos de esta respuesta (esta página empieza en "
                   "{first}).",
        "said": "dijo",
        "that": "que",
        "according_to": "Según {who}, {clause}",
        "unattributed_reported": "Sin atribuir, según el artículo: {clause}",
        "unattributed": "Sin atribuir: “{quote}”",
        "roles": "Cargos: {roles}",
        "affiliations": "Afiliación: {affiliations}",
        "also_written": "También escrito: {aliases}",
        "in_articles": "En {count} {noun}",
        "newest": "(más recientes: {marks})",
        "appears_with": "Aparece con: {names}",
        "open_article": "Abrir el artículo",
        "report_problem": "Informar de un problema",
        "previous": "Anterior",
        "previous_items": "Los {count} elementos anteriores",
        "more": "Más",
        "next_items": "Los {count} elementos siguientes",
        "next_items_private": "Elementos siguientes, solo para usted",
        "share_channel": "Compartir en el canal",
        "share_thread": "Compartir en el hilo",
        "post_here": "Publicar esta respuesta en {where} para todos",
        "this_thread": "este hilo",
        "the_channel": "el canal",
        "shared_by": "compartido por {user}",
        "help_ask": "Pregunte a {command} ({title})",
        "help_elsewhere": "Otras formas de preguntar",
        "help_summary": "lo que dice la cobertura, cada línea enlazada a su artículo",
        "help_facts": "las cifras; `timeline` para los hechos con fecha, `quotes` para quién dijo qué",
        "help_who": "quién es alguien, sus cargos y lo que dijo",
        "help_search": "artículos que contienen una frase",
        "help_latest": "los artículos más recientes",
        "help_related": "la historia de un artículo: la cobertura anterior y posterior, y por qué (un id o un "
                        "enlace)",
        "help_add": "guardar un artículo en el archivo",
        "help_subscribe": "la cobertura nueva publicada en este canal (`instant`, `hourly`, `weekly mon 08:00`); "
                          "`subscriptions` las lista",
        "help_feeds_all": "los feeds RSS y Atom que siguen todas las mesas (el comando de cada mesa añade uno)",
        "help_feeds": "seguir el feed RSS o Atom de un sitio; `feeds` los lista",
        "help_one_desk": "la misma pregunta solo sobre la cobertura de una mesa",
        "help_every_desk": "la misma pregunta en todas las mesas",
        "help_mention": "en un canal: la respuesta llega en un hilo",
        "help_shortcut": "el atajo de mensaje (el menú ⋯ de un mensaje): guarda los artículos que enlaza",
        "help_fix": "editores: corregir una cifra (`{command} facts hide ID` la oculta)",
        "help_shortcut_name": "Add to newsroom archive",  # the shortcut's name as Slack shows it (manifest)
        "action_summary": "Resumen", "action_facts": "Cifras", "action_timeline": "Cronología",
        "action_quotes": "Citas", "action_who": "Quién", "action_search": "Búsqueda", "action_latest": "Lo último",
        "action_related": "Relacionados", "action_help": "Ayuda", "action_add": "Añadir", "action_error": "Error",
        "type_person": "persona", "type_organisation": "organización", "type_place": "lugar",
        "type_group": "grupo", "type_event": "evento", "type_product": "producto", "type_work": "obra",
        "type_law": "ley", "type_name": "nombre",
        "digest_title": "Resumen de {desk}: {about}",
        "everything": "todo",
        "about_who": "sobre {name}",
        "digest_counts": "{articles} en {stories}",
        "new_article_one": "{n} artículo nuevo", "new_article_many": "{n} artículos nuevos",
        "story_one": "{n} historia", "story_many": "{n} historias",
        "more_story_one": "{n} historia más", "more_story_many": "{n} historias más",
        "article_one": "{n} artículo", "article_many": "{n} artículos",
        "subscription_no": "suscripción n.º {id}",
        "part_of": "parte {n} de {total}",
        "digest_rest": "…y {stories} ({articles}): `{command} latest` las lista",
        "new_coverage": "cobertura nueva",
        "untitled_lower": "sin título",
        "figures": "Cifras: {figures}",
        "follows": "Sigue a una cobertura anterior: {title} ({day})",
        "counts_differ": "Dos recuentos de {measure}: {old} ({old_source}, {old_day}) y {new} ({new_source}, "
                         "{new_day}){kinds}",
        "rose": "{measure} subió de {old} ({old_source}, {old_day}) a {new} ({new_source}, {new_day}){kinds}",
        "fell": "{measure} bajó de {old} ({old_source}, {old_day}) a {new} ({new_source}, {new_day}){kinds}",
        "disagree": "Las cifras no coinciden sobre {measure}{period}: {new} en {new_source} frente a {old} en "
                    "{old_source}{kinds}",
        "folded": "{stories} ({articles}) sin mostrar aquí; ",
        "in_thread": "cada artículo, con lo que dice, está en el hilo",
        "digest_text_head": "{title} → {channel} ({subscription}, {schedule}): {counts}",
        "bad_limit": "limit debe ser 1 o más (se recibió {value})",
        "bad_offset": "offset debe ser 0 o más (se recibió {value})",
        "cannot_answer": "No se puede responder: {why}.",
        "no_desk": "No hay ninguna mesa «{desk}». Mesas: {names}.",
        "add_what": "¿Añadir qué? Dé un enlace: `add https://...`",
        "only_web_links": "Solo se pueden añadir enlaces web (https://…)",
        "nothing_stored": "{why}: `{usage}`. No se guardó nada.",
        "could_not_add": "No se pudo añadir {url}: {why}",
        "no_article_at_link": "no se encontró ningún artículo en ese enlace",
        "added": "Añadido: {title}",
        "refreshed": "Ya estaba en el archivo, actualizado: {title}",
        "stored": "Guardado {title}",
        "stored_again": "Ya estaba en el archivo (actualizado): {title}",
        "people": "Personas: {names}",
        "internal_error": "un error interno (registrado)",
        "cut_note": "(Su comando se cortó a sus primeros {chars} caracteres.)",
        "too_many_prefixes": "Eso pide {count} palabras terminadas en *; se admiten {most} como máximo. No se buscó "
                             "nada: pruebe con menos comienzos de palabra y más largos (p. ej. `search extors*`).",
        "too_many_words": "Eso tiene {count} palabras distintas; una pregunta admite {most} como máximo. No se buscó "
                          "nada: pruebe con las pocas palabras que más importan.",
        "too_slow": "Esa pregunta tardó más de {seconds} s en responderse y se detuvo. Pruebe con menos palabras o "
                    "con palabras más precisas.",
        "not_analysed": "{code}, sin analizar",
        "mentioned_in": "Mencionado en {count} {noun}.",
        "also_called": "También se llama {name} en el archivo: {names}",
        "related_what": "¿Relacionado con qué? Dé el enlace o el id de un artículo, p. ej. `related 42` o "
                        "`related https://...`",
        "no_such_article": "Ningún artículo «{reference}» en el archivo: dé el id o el enlace de un artículo "
                           "guardado.",
        "first_of_story": "Nada en el archivo sigue ni precede a «{title}» {cite}: es el primer artículo de su "
                          "historia por ahora.",
        "related_to": "Cobertura relacionada con «{title}» {cite}{size}:",
        "story_size": "; su historia tiene {count} artículos",
        "story_alone": "; ningún otro artículo está en su historia",
        "shares": "comparte {names}",
        "similarity": "similitud {value}",
        "earlier": "anterior", "later": "posterior",
        "home_title": "newsbot — la cobertura de sus mesas",
        "home_latest": "Lo último de {title} ({command})",
        "no_articles_yet": "Aún no hay artículos.",
        "channel_subscriptions": "Suscripciones de los canales",
        "digests_log": "Resúmenes: publicados, omitidos, fallidos",
        "nothing_delivered": "Aún no se ha enviado nada. Suscriba un canal con `{command} subscribe crime daily "
                             "08:00`.",
        "log_more": "`newsbot log` muestra más.",
        "sorry": "Lo sentimos, algo falló al responder. El error quedó registrado.",
        "sorry_short": "Lo sentimos, algo falló. El error quedó registrado.",
        "usage_add": "Uso: `{command} add https://…`",
        "quote_not_closed": "No se pudo leer: unas comillas no están cerradas. Ejemplo: "
                            "`facts fix 12 speaker=\"Dina Boluarte\"`",
        "no_links_to_add": "Ese mensaje no tiene enlaces que añadir.",
        "could_not_share": "No se pudo compartir: `{error}`.",
        "invite_first": " Invíteme primero al canal (`/invite @newsbot`).",
        "reading": "Leyendo {url} …",
        "feeds_usage": "Feeds: `{command} feeds` los lista, `{command} feeds add https://…` sigue uno, "
                       "`{command} feeds remove ID` deja de seguir uno.",
        "feed_web_links": "{why}: `{command} feeds add https://…`.",
        "feed_from_desk": "Añada un feed desde el comando de una mesa (p. ej. `/peru feeds add …`).",
        "feed_failed": "No se pudo seguir {url}: {why}",
        "feed_existing": "Ya se sigue {url} como feed {id} (mesa {desk}).",
        "feed_added": "Siguiendo el feed {id}: {title} ({entries} entradas ahora). Los artículos nuevos llegan con la "
                      "próxima consulta, en pocos minutos.",
        "no_feed": "No hay ningún feed {feed} en {desk}; `{command} feeds` los lista.",
        "feed_removed": "Se dejó de seguir el feed {id} ({title}); sus artículos se quedan.",
        "no_feeds": "{desk} aún no sigue ningún feed.",
        "schedule_usage": "una frecuencia es \"instant\", \"hourly\", \"daily HH:MM\" o \"weekly DÍA HH:MM\" (p. ej. "
                          "\"weekly mon 08:00\")",
        "not_a_time": "«{text}» no es una hora: escriba HH:MM, p. ej. 08:00",
        "bad_schedule": "«{text}»: {usage}",
        "takes_no_time": "«{text}»: {kind} no lleva hora; {usage}",
        "weekly_needs_day": "«{text}»: weekly necesita un día, p. ej. «weekly mon 08:00»",
        "not_a_zone": "«{name}» no es una zona horaria: use un nombre IANA como America/Lima",
        "unreadable_schedule": "No puedo leer «{odd}» como frecuencia, así que no se guardó nada. Frecuencias: "
                               "{schedules} (p. ej. `daily 07:30`). Las palabras del tema que parezcan una van entre "
                               "comillas: \"{first}\".",
        "who_subscribe": "¿Quién? Añada un nombre, p. ej. `subscribe who José Jerí daily 08:00`.",
        "needs_channel": "Una suscripción necesita un canal (p. ej. --channel C0123ABCD).",
        "read_topics": "palabras del tema «{topics}»",
        "read_no_topics": "sin palabras del tema (todo)",
        "read_who": "quién «{name}»",
        "read_schedule": "frecuencia {schedule}{default}",
        "read_default": " (la predeterminada: no se indicó ninguna)",
        "next_due": " · próximo {when}",
        "last_failed": " · falló el último envío: {error}",
        "do_subscribe": "suscribir", "do_unsubscribe": "cancelar la suscripción de",
        "do_subscriptions": "listar las suscripciones de",
        "not_here": ":no_entry: Solo puedo {doing} el canal en el que se escribe este comando, no {shown}. Vaya a "
                    "ese canal (usted y yo debemos estar en él) y escriba allí `{command} {action} …`. No se cambió "
                    "nada. (Un tema que empieza con # se lee como un canal: quite el #.)",
        "no_subs_here": "Ninguna suscripción en este canal. Pruebe `{command} subscribe crime daily 08:00`.",
        "subs_here": "*Suscripciones de este canal*",
        "and_more": "…y {count} más",
        "unsubscribe_what": "¿Cancelar qué suscripción? Dé su número o sus palabras: `{command} unsubscribe 3` o "
                            "`{command} unsubscribe crime` (`{command} subscriptions` las lista).",
        "no_such_subscription": "Ninguna suscripción «{target}» en este canal. `{command} subscriptions` lista las "
                                "de este canal.",
        "unsubscribed": "Suscripción cancelada: {names}",
        "subscribe_usage": "Uso: `{command} subscribe <palabras del tema> [instant | hourly | daily HH:MM | weekly "
                           "DÍA HH:MM]` o `{command} subscribe who <nombre>`",
        "subscribed_channel": "{user} suscribió este canal a {desk} · {what} ({schedule}, {tz}). Solo se publican los "
                              "artículos guardados a partir de ahora; `{command} subscriptions` las lista.",
        "invite_to_subscribe": "Aún no puedo publicar en este canal. Invíteme primero (`/invite @newsbot`) y vuelva "
                               "a suscribirlo. No se guardó nada.",
        "slack_refused": "Slack rechazó la confirmación ({error}). No se guardó nada.",
        "slack_unreachable": "No se pudo contactar con Slack para confirmar la suscripción. No se guardó nada.",
        "subscribed": "Suscrito: {what}",
        "read_as": "Leído como: {read}. Frecuencias: {schedules}.",
        "no_subs_desk": "Ninguna suscripción a {desk}. En un canal: `{command} subscribe crime daily 08:00`.",
        "subscribe_in_channel": "Una suscripción pertenece a un canal: escriba en él `{command} subscribe <palabras "
                                "del tema> [instant | hourly | daily HH:MM | weekly DÍA HH:MM]`, o ejecute `newsbot "
                                "subscriptions add --channel C0123ABCD --desk {desk} [PALABRAS...]`.",
        "unsubscribe_in_channel": "Cancele la suscripción en el propio canal (`{command} unsubscribe <id o palabras "
                                  "del tema>`), o ejecute `newsbot subscriptions remove ID` (`newsbot subscriptions "
                                  "list` muestra los ids).",
        "refusal": "Lo sentimos: solo los editores de la mesa pueden {change}. Pida a uno de ellos que lo haga; "
                   "todos pueden leer, buscar y preguntar.",
        "refusal_facts": " Si algo está mal, use *Informar de un problema* en el menú ⋯ junto al elemento y un "
                         "editor lo revisará.",
        "change_facts": "corregir u ocultar cifras",
        "change_feeds": "seguir o dejar de seguir feeds",
        "change_subscriptions": "suscribir canales o cambiar sus suscripciones",
        "not_from_a_button": ":no_entry: Un botón muestra una página de una respuesta; no puede añadir, seguir, "
                             "quitar, suscribir ni corregir nada. No se cambió nada.",
    },
}


def table(language: str | None) -> dict[str, str]:
    """The phrases of a language, English for a language without a table (a desk's typo must not break
    its answers)."""
    return WORDS.get(language or DEFAULT, WORDS[DEFAULT])


def say(key: str, language: str | None = DEFAULT, **fields: object) -> str:
    """One phrase in the desk's language with its blanks filled: say("sources", "es") → 'Fuentes:'."""
    return table(language)[key].format(**fields)


def months(language: str | None) -> list[str]:
    """The short month names a date is written with: 'Dec' in English, 'dic' in Spanish."""
    return MONTHS.get(language or DEFAULT, MONTHS[DEFAULT])


def weekdays(language: str | None) -> list[str]:
    """The short weekday names, Monday first: 'Tue' in English, 'mar' in Spanish."""
    return WEEKDAYS.get(language or DEFAULT, WEEKDAYS[DEFAULT])


def plural(count: int, language: str | None = DEFAULT) -> str:
    """'article' for one, 'articles' (or 'artículos') for any other count."""
    return say("article" if count == 1 else "articles", language)


def count(n: int, key: str, language: str | None = DEFAULT) -> str:
    """A number with its noun in the desk's language: count(3, "story") → '3 stories', '3 historias'."""
    return say(f"{key}_{'one' if n == 1 else 'many'}", language, n=n)


class Said(ValueError):
    """An error a person is told, as a phrase of the catalogue and its blanks: str() is the default language's
    sentence (the CLI, the logs), `said(language)` the desk's."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(say(key, DEFAULT, **fields))
        self.key, self.fields = key, fields

    def said(self, language: str | None) -> str:
        return say(self.key, language, **self.fields)


def _template_pattern(template: str) -> re.Pattern[str]:
    """A phrase's template as a pattern that reads its blanks back: "cannot resolve {host}" → (?P<host>.+)."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)) + "$")


def say_again(sentence: str, prefix: str, language: str | None) -> str:
    """An English sentence of the catalogue (one of the phrases whose keys start with `prefix`) said again in
    `language`: a fetch's reason crosses the jobs process as text, and the desk that asked reads it in its own
    words ("the site answered HTTP 404" → "el sitio respondió HTTP 404"). Any other text stays as it is."""
    for key, template in WORDS[DEFAULT].items():
        if key.startswith(prefix):
            found = _template_pattern(template).match(sentence)
            if found:
                return say(key, language, **found.groupdict())
    return sentence
