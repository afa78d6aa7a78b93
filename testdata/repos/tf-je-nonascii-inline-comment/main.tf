/* Rolle für das Prüfteam — 監査チーム用 */
resource "aws_iam_role" "pruefer" {
  name = "pruefer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [/* Zugriff für Prüfer — 監査 */ { Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}
