"""
The image library: pictures uploaded once (stripped of metadata, content-addressed, with their
renditions) and reused anywhere, with alt text and caption per language and a credit line.

A foundation app: it imports no app but the review app's registry of reviewed models. What
other apps use:
- rich text refers to an image as <img src="/images/<id>/" alt="…"> (references.py);
- `rendering.references_in(html, language)` gives what a signed version should record for the
  images a text shows, and `rendering.render_with_figures(html, refs)`, `Figures(refs)`
  (`figure`, `social_url`, `thumbnail`) render from that record;
- `usage.register(function)` tells the library which files a signed version refers to;
- `demo.add_demo_figures()` puts the demo figures into the library.
"""
