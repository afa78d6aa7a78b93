resource "aws_iam_role" "wip" {
  name = "wip
  assume_role_policy = "{}"
}
