ci_enabled = true
