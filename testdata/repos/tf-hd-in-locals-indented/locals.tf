locals {
  # Trust policy shared by the data-platform roles
  data_trust = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "sts:AssumeRole"
        }
      ]
    }
  JSON
}
