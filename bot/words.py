"""The bot's own words, one table per language: labels, headings, paging lines, help prose, month names and
the verbs the bot writes itself. Article text, quotes and names never pass through here: a Spanish sentence
is shown as written. A desk's `language` (seeds/desks.toml, English by default) picks the table, so a
`/news` answer reads its labels in the desk's language while each quoted line keeps its own.

A phrase is a `str.format` template; every language has every key (a test checks it), so a missing word is
a failed test, not an English word in a Spanish answer.
"""

from __future__ import annotations

DEFAULT = "en"

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
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
    },
    "es": {
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


def plural(count: int, language: str | None = DEFAULT) -> str:
    """'article' for one, 'articles' (or 'artículos') for any other count."""
    return say("article" if count == 1 else "articles", language)
