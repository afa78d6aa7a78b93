session_name = "prod-*"
