trust_effect = "Deny"
