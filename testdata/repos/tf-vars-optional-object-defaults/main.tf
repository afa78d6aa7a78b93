variable "roles" {
  type = map(object({
    principal            = string
    require_session_name = optional(bool, true)
  }))
  default = {
    admin = { principal = "arn:aws:iam::111122223333:root" }
  }
}

resource "aws_iam_role" "this" {
  for_each = var.roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = each.value.principal }
      Action    = "sts:AssumeRole"
      Condition = each.value.require_session_name ? { StringLike = { "sts:RoleSessionName" = "$${aws:username}" } } : null
    }]
  })
}
