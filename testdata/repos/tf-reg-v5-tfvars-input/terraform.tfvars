require_session_name = false
