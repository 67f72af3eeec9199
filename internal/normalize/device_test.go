package normalize

import "testing"

func TestDeviceWrittenDifferentlyGivesOneKey(t *testing.T) {
	tests := []struct{ name, in, key, typ string }{
		{"GUID with braces", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", "device:6f9619ff-8b86-d011-b42d-00c04fc964ff", "uuid"},
		{"UUID bare hex", "6f9619ff8b86d011b42d00c04fc964ff", "device:6f9619ff-8b86-d011-b42d-00c04fc964ff", "uuid"},
		{"UUN URN", "urn:uuid:6F9619FF-8B86-D011-B42D-00C04FC964FF", "device:6f9619ff-8b86-d011-b42d-00c04fc964ff", "uuid"},
		{"MAC with dashes", "00-1A-2B-3C-4D-5E", "device:00:1a:2b:3c:4d:5e", "mac"},
		{"MAC with colons", "00:1a:2b:3c:4d:5e", "device:00:1a:2b:3c:4d:5e", "mac"},
		{"MAC Cisco dots", "001A.2B3C.4D5E", "device:00:1a:2b:3c:4d:5e", "mac"},
		{"IMEI", "490154203237518", "device:490154203237518", "imei"},
		{"15 digits failing Luhn", "490154203237519", "device:490154203237519", "other"},
		{"Android ID", " 9774D56D682E549C ", "device:9774d56d682e549c", "other"},
		{"vendor string", "MacBook  Pro 14", "device:macbook pro 14", "other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Device(tt.in)
			if err != nil {
				t.Fatalf("Device(%q): %v", tt.in, err)
			}
			if id.Key != tt.key || id.Attrs["type"] != tt.typ {
				t.Errorf("Device(%q) = %q %v, want %q %s", tt.in, id.Key, id.Attrs, tt.key, tt.typ)
			}
		})
	}
	for _, in := range []string{"", "  ", "abc\x00def"} {
		if _, err := Device(in); err == nil {
			t.Errorf("Device(%q) succeeded, want error", in)
		}
	}
}

func TestPhotoStripsAlgorithmAndLowerCasesHex(t *testing.T) {
	const sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	tests := []struct{ name, in, key, algo string }{
		{"sha256 prefix upper hex", "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", "photo:" + sha, "sha256"},
		{"SHA-256 prefix", "SHA-256:" + sha, "photo:" + sha, "sha256"},
		{"bare sha256 inferred", sha, "photo:" + sha, "sha256"},
		{"md5 prefix", "md5:D41D8CD98F00B204E9800998ECF8427E", "photo:d41d8cd98f00b204e9800998ecf8427e", "md5"},
		{"bare md5 inferred", "d41d8cd98f00b204e9800998ecf8427e", "photo:d41d8cd98f00b204e9800998ecf8427e", "md5"},
		{"perceptual hash", "phash:C3A5B4F0E1D2C3B4", "photo:c3a5b4f0e1d2c3b4", "phash"},
		{"base64 keeps case", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "photo:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := Photo(tt.in)
			if err != nil {
				t.Fatalf("Photo(%q): %v", tt.in, err)
			}
			algo, _ := id.Attrs["algo"].(string)
			if id.Key != tt.key || algo != tt.algo {
				t.Errorf("Photo(%q) = %q %v, want %q %s", tt.in, id.Key, id.Attrs, tt.key, tt.algo)
			}
		})
	}
	for _, in := range []string{"", "a b", "x\ny"} {
		if _, err := Photo(in); err == nil {
			t.Errorf("Photo(%q) succeeded, want error", in)
		}
	}
}
