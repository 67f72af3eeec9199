package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// xmlErr locates an XML decoding error as FILE:LINE for every XML list reader.
func xmlErr(d *xml.Decoder, file string, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: invalid XML: %s", file, se.Line, se.Msg)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("%s:%d: %w", file, line, err)
}
