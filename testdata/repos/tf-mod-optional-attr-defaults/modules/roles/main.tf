variable "roles" {
  type = map(object({
    principals   = list(string)
    effect       = optional(string, "Allow")
    session_name = optional(string, "$${aws:username}")
  }))
}

resource "aws_iam_role" "this" {
  for_each = var.roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = each.value.effect
      Principal = { AWS = each.value.principals }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:RoleSessionName" = each.value.session_name } }
    }]
  })
}
