/* What CKEditor needs from us beyond its configuration (loaded after ckeditor.js by
   invamed.richtext.RichTextWidget):
   - image uploads carry Django's CSRF token (invamed/uploads.py checks it);
   - the image dialog refuses an image without alternative text (the server refuses it too). */
;(() => {
  "use strict"
  const ALT_MISSING =
    "Please describe the image in \u201cAlternative Text\u201d for readers who cannot see it."

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]")
    return field ? field.value : ""
  }
  function watch(editor) {
    editor.on("fileUploadRequest", (event) => {
      event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken())
    })
  }
  function requireAlt(event) {
    if (event.data.name !== "image2") return
    const alt = event.data.definition.getContents("info").get("alt")
    alt.required = true
    alt.validate = function () {
      return this.getValue().trim() ? true : ALT_MISSING
    }
  }
  function start() {
    const CKEDITOR = window.CKEDITOR
    if (!CKEDITOR) {
      setTimeout(start, 50)
      return
    }
    CKEDITOR.on("dialogDefinition", requireAlt)
    for (const name in CKEDITOR.instances) watch(CKEDITOR.instances[name])
    CKEDITOR.on("instanceCreated", (event) => watch(event.editor))
  }
  start()
})()
