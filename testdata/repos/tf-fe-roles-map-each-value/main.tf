variable "team_roles" {
  type = map(object({
    principal       = string
    require_session = bool
  }))
  default = {
    data = {
      principal       = "arn:aws:iam::111122223333:root"
      require_session = true
    }
    ml = {
      principal       = "arn:aws:iam::444455556666:root"
      require_session = false
    }
  }
}

resource "aws_iam_role" "team" {
  for_each = var.team_roles
  name     = "team-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = each.value.principal }
      Action    = "sts:AssumeRole"
      Condition = each.value.require_session ? { StringLike = { "sts:RoleSessionName" = "$${aws:username}" } } : {}
    }]
  })
}
