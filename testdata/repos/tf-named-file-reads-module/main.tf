resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.t.json
}
