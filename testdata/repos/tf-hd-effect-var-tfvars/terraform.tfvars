trust_effect = "Allow"
