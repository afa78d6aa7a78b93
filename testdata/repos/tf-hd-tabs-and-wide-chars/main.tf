resource "aws_iam_role" "r" {
	name = "r"
	# 日本語のコメント
	assume_role_policy = <<-EOF
		{"Version": "2012-10-17", "Statement": [ {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole", "Sid": "Zugriff-für-Prüfer"}]}
	EOF
}
