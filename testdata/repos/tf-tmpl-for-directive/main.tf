resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = templatefile("${path.module}/trust.tpl", {
    trusted_arns = [
      "arn:aws:iam::111122223333:root",
      "arn:aws:iam::444455556666:root",
    ]
  })
}
