require_session_name = true
