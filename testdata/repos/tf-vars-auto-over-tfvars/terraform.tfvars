session_name = "ci-*"
