data "aws_iam_policy_document" "org_baseline" {
  statement {
    sid     = "SecurityAudit"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::999988887777:root"]
    }
  }
}
