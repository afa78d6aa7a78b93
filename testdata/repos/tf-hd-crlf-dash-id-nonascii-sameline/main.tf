# Politique d'approbation — équipe « sécurité »
resource "aws_iam_role" "securite" {
	name = "securite"
	assume_role_policy = <<-EOT
		{"Version": "2012-10-17", "Id": "Prüfer-Zugriff-ß", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ${jsonencode(["arn:aws:iam::111122223333:root"])}}, "Action": "sts:AssumeRole"}]}
	EOT
}
