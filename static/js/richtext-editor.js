/* What CKEditor needs from us beyond its configuration (loaded after ckeditor.js by
   invamed.richtext.RichTextWidget):
   - the image dialog refuses an image without alternative text (the server refuses it too);
   - every upload goes into the image library (invamed/images/admin.py), which keeps an image's
     alt text with it: the dialog's Upload tab sends the alt text typed on its first tab, an
     image pasted or dropped into the text asks for it; both carry Django's CSRF token;
   - the libraryimage plugin uploads a pasted or dropped image file and puts the library's
     image in its place, with that alt text (CKEditor's own uploadimage would drop it);
   - the citation plugin's "Cite" button types a citation marker, `[[ref:N]]`, for the N-th
     entry of the references list under the text (invamed/richtext.py renders it). */
;(() => {
  "use strict"
  const ALT_MISSING =
    "Please describe the image in \u201cAlternative Text\u201d for readers who cannot see it."
  const ALT_FIRST =
    "Type the image's \u201cAlternative Text\u201d on the Image Info tab first: the image " +
    "library keeps it with the image."
  const ALT_PROMPT =
    "Describe this image for readers who cannot see it (alternative text). The image " +
    "library keeps it with the image."
  const CITE_PROMPT =
    "Cite which reference? Type its number in the References list below the text (1 for the " +
    "first)."
  // Shown while a pasted or dropped image is being sent (a transparent pixel).
  const PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]")
    return field ? field.value : ""
  }

  // The alt text an upload carries: the open image dialog's, else asked for (paste, drop).
  function altText(CKEDITOR) {
    const dialog = CKEDITOR.dialog.getCurrent()
    if (dialog && dialog.getName() === "image2") {
      return { alt: dialog.getValueOf("info", "alt").trim(), missing: ALT_FIRST }
    }
    return { alt: (window.prompt(ALT_PROMPT, "") || "").trim(), missing: ALT_MISSING }
  }

  function watch(CKEDITOR, editor) {
    editor.on("fileUploadRequest", (event) => {
      const loader = event.data.fileLoader
      const { alt, missing } = altText(CKEDITOR)
      if (!alt) {
        event.cancel()
        loader.message = missing
        loader.changeStatus("error")
        return
      }
      event.data.requestData.alt = alt
      loader.xhr.setRequestHeader("X-CSRFToken", csrfToken())
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

  function definePlugin(CKEDITOR) {
    if (CKEDITOR.plugins.get("libraryimage")) return
    CKEDITOR.plugins.add("libraryimage", {
      requires: "uploadwidget",
      init(editor) {
        const url = editor.config.imageUploadUrl
        if (!url || !CKEDITOR.plugins.clipboard.isFileApiSupported) return
        // The placeholder's marker while it uploads (never saved: an uploading widget is
        // written out as nothing). Our allowedContent puts the filter in custom mode, where
        // uploadwidget's own allow() is ignored, so it is allowed here, explicitly.
        editor.filter.allow("img[!data-widget]", "libraryimage", true)
        CKEDITOR.fileTools.addUploadWidget(editor, "libraryimage", {
          // Every image file: the server says which kinds it accepts, and why not the others.
          supportedTypes: /^image\//,
          uploadUrl: url,
          fileToElement() {
            const img = new CKEDITOR.dom.element("img")
            img.setAttribute("src", PLACEHOLDER)
            img.setAttribute("alt", "")
            return img
          },
          parts: { img: "img" },
          onUploading(upload) {
            this.parts.img.setAttribute("src", upload.data)
          },
          onUploaded(upload) {
            const attr = CKEDITOR.tools.htmlEncodeAttr
            const alt = upload.responseData.alt || ""
            this.replaceWith(`<img src="${attr(upload.url)}" alt="${attr(alt)}">`)
          },
        })
      },
    })
  }

  function defineCitation(CKEDITOR) {
    if (CKEDITOR.plugins.get("citation")) return
    CKEDITOR.plugins.add("citation", {
      init(editor) {
        editor.addCommand("cite", {
          exec(ed) {
            const number = (window.prompt(CITE_PROMPT, "") || "").trim()
            if (/^[1-9][0-9]{0,3}$/.test(number)) ed.insertText(`[[ref:${number}]]`)
          },
        })
        editor.ui.addButton("Cite", { label: "Cite a reference", command: "cite", icon: "anchor" })
      },
    })
  }

  function start() {
    const CKEDITOR = window.CKEDITOR
    if (!CKEDITOR) {
      setTimeout(start, 50)
      return
    }
    definePlugin(CKEDITOR)
    defineCitation(CKEDITOR)
    CKEDITOR.on("dialogDefinition", requireAlt)
    for (const name in CKEDITOR.instances) watch(CKEDITOR, CKEDITOR.instances[name])
    CKEDITOR.on("instanceCreated", (event) => watch(CKEDITOR, event.editor))
  }
  start()
})()
