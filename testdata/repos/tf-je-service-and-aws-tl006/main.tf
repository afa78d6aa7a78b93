resource "aws_iam_role" "lambda_debug" {
  name = "lambda-debug"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Principal = {
        Service = "lambda.amazonaws.com"
        AWS     = "arn:aws:iam::111122223333:user/dev"
      }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:RoleSessionName" = "$${aws:username}" } }
    }]
  })
}
