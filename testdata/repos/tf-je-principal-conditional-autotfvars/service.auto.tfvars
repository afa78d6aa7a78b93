use_service_principal = true
