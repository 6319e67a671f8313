"""Feeds a desk follows: adding and listing them (manage), polling them (poll), telling the desk (alerts)."""
