"""Stories: each stored article joins the story of the earlier coverage it follows, or starts one."""
