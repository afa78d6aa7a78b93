# Zugriff für Prüfer – Rolle für externe Auditoren (Übergangslösung)
# 監査ロール
resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
  }]
}
POLICY
}
