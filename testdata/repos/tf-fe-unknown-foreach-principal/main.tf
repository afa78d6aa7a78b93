variable "teams" {
  type = map(string)
}

resource "aws_iam_role" "team" {
  for_each = var.teams
  name     = "team-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = each.value }
      Action    = "sts:AssumeRole"
    }]
  })
}
