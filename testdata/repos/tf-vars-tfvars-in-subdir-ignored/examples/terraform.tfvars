session_name = "$${aws:username}"
