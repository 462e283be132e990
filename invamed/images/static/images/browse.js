/* CKEditor's "Browse Server" window (admin/images/image/browse.html): "Insert" hands the image's
   stable address back to the editor's image dialog, with the library's alt text when the
   dialog has none yet, and closes the window. */
;(() => {
  "use strict"
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".library-insert")
    const page = document.querySelector(".library-browse")
    const editor = window.opener && window.opener.CKEDITOR
    if (!button || !page || !editor || !page.dataset.funcNum) return
    const alt = button.dataset.alt
    editor.tools.callFunction(page.dataset.funcNum, button.dataset.url, function () {
      const dialog = this.getDialog()
      if (dialog.getName() === "image2" && !dialog.getValueOf("info", "alt").trim()) {
        dialog.setValueOf("info", "alt", alt)
      }
    })
    window.close()
  })
})()
