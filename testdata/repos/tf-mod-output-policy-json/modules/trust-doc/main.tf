variable "trusted_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "this" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted_arns
    }
  }
}

output "json" {
  value = data.aws_iam_policy_document.this.json
}
