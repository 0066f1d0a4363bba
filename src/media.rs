//! Published media: what kind of image a file is, and the same image with its metadata (EXIF,
//! XMP, IPTC, GPS, comments, text chunks) removed.
//!
//! Removing metadata is lossless: the pixels are not re-encoded. The one exception is a photo
//! whose EXIF says it is stored sideways or mirrored (as phones often write them): once that
//! tag is gone a browser would show it the wrong way round, so it is decoded, turned upright
//! and encoded again, with no metadata at all.
//!
//! Pure functions over bytes; the caller decides what to publish.

/// An image format Placard publishes photos in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Webp,
}

impl ImageKind {
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
            ImageKind::Webp => "webp",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The kind of image, from the file's first bytes (never from its name).
pub fn image_kind(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(ImageKind::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else {
        None
    }
}

/// The file as it is published: turned upright as its EXIF orientation says, and without
/// metadata. Files that are not images, or that cannot be parsed as the image they claim to
/// be, come back unchanged.
pub fn publish(bytes: &[u8]) -> Vec<u8> {
    upright(bytes).unwrap_or_else(|| strip(bytes))
}

/// The image re-encoded upright, when its EXIF orientation is anything but "as stored".
/// The encoders write pixels only: no EXIF, XMP, ICC or text.
fn upright(bytes: &[u8]) -> Option<Vec<u8>> {
    use image::{ImageDecoder, ImageFormat, metadata::Orientation};
    let kind = image_kind(bytes)?;
    let format = match kind {
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Png => ImageFormat::Png,
        ImageKind::Webp => ImageFormat::WebP,
    };
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    if orientation == Orientation::NoTransforms {
        return None;
    }
    let mut picture = image::DynamicImage::from_decoder(decoder).ok()?;
    picture.apply_orientation(orientation);
    let mut out = Vec::new();
    let written = match kind {
        ImageKind::Jpeg => {
            // JPEG has no alpha channel; quality 90 keeps faces and text sharp.
            let rgb = image::DynamicImage::ImageRgb8(picture.to_rgb8());
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(&rgb)
        }
        ImageKind::Png => picture.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
        ImageKind::Webp => {
            let rgba = image::DynamicImage::ImageRgba8(picture.to_rgba8());
            rgba.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        }
    };
    written.ok().map(|()| out)
}

/// The file without metadata, losslessly. Files that are not images, or that cannot be
/// parsed as the image they claim to be, come back unchanged.
pub fn strip(bytes: &[u8]) -> Vec<u8> {
    let stripped = match image_kind(bytes) {
        Some(ImageKind::Jpeg) => strip_jpeg(bytes),
        Some(ImageKind::Png) => strip_png(bytes),
        Some(ImageKind::Webp) => strip_webp(bytes),
        None => None,
    };
    stripped.unwrap_or_else(|| bytes.to_vec())
}

/// Whether the image carries GPS coordinates (an EXIF GPS IFD), for the build report.
pub fn has_gps(bytes: &[u8]) -> bool {
    // The GPS IFD pointer tag is 0x8825, written in the byte order of the TIFF header.
    let exif = bytes.windows(6).position(|w| w == b"Exif\0\0");
    exif.is_some_and(|start| {
        let tiff = &bytes[start + 6..];
        tiff.windows(2)
            .any(|w| w == [0x88, 0x25] || w == [0x25, 0x88])
    })
}

fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xDA {
            // Start of scan: the rest is image data.
            out.extend_from_slice(&bytes[i..]);
            return Some(out);
        }
        let length = usize::from(bytes[i + 2]) << 8 | usize::from(bytes[i + 3]);
        let end = i + 2 + length;
        if length < 2 || end > bytes.len() {
            return None;
        }
        let segment = &bytes[i..end];
        // APP1..APP15 hold EXIF, XMP, IPTC and vendor data; COM holds comments. APP2 ICC
        // profiles are kept: they describe colours, not people.
        let is_icc = marker == 0xE2 && segment.get(4..16) == Some(b"ICC_PROFILE\0".as_slice());
        let drop = (0xE1..=0xEF).contains(&marker) && !is_icc || marker == 0xFE;
        if !drop {
            out.extend_from_slice(segment);
        }
        i = end;
    }
    None
}

fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut i = PNG_SIGNATURE.len();
    while i + 12 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[i..i + 4].try_into().ok()?) as usize;
        let end = i.checked_add(12)?.checked_add(length)?;
        if end > bytes.len() {
            return None;
        }
        let kind = &bytes[i + 4..i + 8];
        let drop = matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME");
        if !drop {
            out.extend_from_slice(&bytes[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut chunks = Vec::new();
    let mut i = 12;
    while i + 8 <= bytes.len() {
        let length = u32::from_le_bytes(bytes[i + 4..i + 8].try_into().ok()?) as usize;
        let end = i
            .checked_add(8)?
            .checked_add(length + length % 2)?
            .min(bytes.len());
        let kind = &bytes[i..i + 4];
        if kind != b"EXIF" && kind != b"XMP " {
            let mut chunk = bytes[i..end].to_vec();
            if kind == b"VP8X" && chunk.len() > 8 {
                chunk[8] &= !(0x08 | 0x04); // clear the EXIF and XMP flags
            }
            chunks.push(chunk);
        }
        i = end;
    }
    let body: Vec<u8> = chunks.concat();
    let mut out = Vec::with_capacity(body.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&u32::try_from(body.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny JPEG-shaped file: SOI, an EXIF APP1 with a GPS pointer, a comment, a
    /// quantisation table segment, then start of scan and data.
    fn jpeg_with_gps() -> Vec<u8> {
        let mut exif =
            b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x88\x25\0\x04\0\0\0\x01\0\0\0\x1a".to_vec();
        exif.extend_from_slice(b"GPS 43.2N 76.9E");
        let mut bytes = vec![0xFF, 0xD8];
        bytes.extend_from_slice(&[0xFF, 0xE1]);
        bytes.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
        bytes.extend_from_slice(&exif);
        bytes.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x07]);
        bytes.extend_from_slice(b"hello");
        bytes.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02]);
        bytes.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn jpeg_loses_exif_and_comments_but_keeps_image_data() {
        let input = jpeg_with_gps();
        assert!(has_gps(&input));
        let out = strip(&input);
        assert!(!has_gps(&out));
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        assert!(!out.windows(5).any(|w| w == b"hello"));
        assert!(out.ends_with(&[
            0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9
        ]));
    }

    #[test]
    fn png_loses_text_chunks() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = u32::try_from(data.len())
                .unwrap_or(0)
                .to_be_bytes()
                .to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"tEXt", b"Author\0Someone"));
        png.extend(chunk(b"IDAT", &[1, 2, 3]));
        png.extend(chunk(b"IEND", &[]));
        let out = strip(&png);
        assert!(!out.windows(7).any(|w| w == b"Someone"));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
        assert_eq!(out.len(), png.len() - 12 - 14);
    }

    /// A JPEG of a 16x8 picture, red on the left and blue on the right, with an EXIF
    /// segment that says "rotate 90 degrees clockwise to display" (orientation 6) and carries
    /// a GPS pointer.
    fn sideways_jpeg() -> Vec<u8> {
        let picture = image::RgbImage::from_fn(16, 8, |x, _| {
            if x < 8 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        let mut plain = Vec::new();
        let encoded = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 95)
            .encode_image(&picture);
        assert!(encoded.is_ok());
        // Big-endian TIFF, IFD0 with two entries: Orientation = 6 and the GPS IFD pointer.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x02".to_vec();
        exif.extend_from_slice(b"\x01\x12\0\x03\0\0\0\x01\0\x06\0\0");
        exif.extend_from_slice(b"\x88\x25\0\x04\0\0\0\x01\0\0\0\x26");
        exif.extend_from_slice(b"\0\0\0\0GPS 43.2N 76.9E");
        let mut bytes = plain[..2].to_vec();
        bytes.extend_from_slice(&[0xFF, 0xE1]);
        bytes.extend_from_slice(&u16::try_from(exif.len() + 2).unwrap_or(0).to_be_bytes());
        bytes.extend_from_slice(&exif);
        bytes.extend_from_slice(&plain[2..]);
        bytes
    }

    #[test]
    fn a_sideways_photo_is_turned_upright_and_loses_its_metadata() {
        let input = sideways_jpeg();
        assert!(has_gps(&input));
        let out = publish(&input);
        assert_eq!(image_kind(&out), Some(ImageKind::Jpeg));
        assert!(!has_gps(&out));
        assert!(!out.windows(4).any(|w| w == b"Exif"));
        let decoded = image::load_from_memory(&out).map(|i| i.to_rgb8());
        assert!(decoded.is_ok());
        if let Ok(picture) = decoded {
            // Turned a quarter clockwise: 8 wide, 16 tall, the left (red) half now on top.
            assert_eq!(picture.dimensions(), (8, 16));
            let top = picture.get_pixel(4, 3);
            let bottom = picture.get_pixel(4, 12);
            assert!(top[0] > 200 && top[2] < 60, "top {top:?}");
            assert!(bottom[2] > 200 && bottom[0] < 60, "bottom {bottom:?}");
        }
    }

    #[test]
    fn an_upright_photo_is_not_re_encoded() {
        let input = jpeg_with_gps();
        assert_eq!(publish(&input), strip(&input));
    }

    #[test]
    fn non_images_are_unchanged() {
        assert_eq!(strip(b"%PDF-1.7"), b"%PDF-1.7");
        assert_eq!(image_kind(b"not an image"), None);
    }
}
