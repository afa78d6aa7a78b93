session_name = "*"
