resource "aws_iam_role" "this" {
  name               = "app"
  assume_role_policy = file("${path.module}/trust.json")
}
