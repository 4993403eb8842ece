## 모든 페이지의 틀: 머리글, 탐색 메뉴, 바닥글.

site-description = 키노라: 누구나 참여하는 영화 데이터베이스이자 커뮤니티. 모든 정보에 출처가 있습니다.
skip-to-content = 본문으로 건너뛰기
nav-sections = 메뉴
nav-films = 영화
nav-people = 인물
nav-companies = 회사
nav-sources = 출처
nav-whats-on = 상영 일정
nav-news = 뉴스
nav-forum = 게시판
search-placeholder = 영화, 인물, 회사를 어떤 표기로든 찾아보세요
search-label = 검색
nav-account = 계정
theme-dark = 어둡게
theme-light = 밝게
sign-out = 로그아웃
sign-in = 로그인
sign-up = 회원가입
footer-tagline = 키노라 — 누구나 참여하는 영화 데이터베이스. 모든 정보에 출처가 있습니다.
footer-api = API
language-switch = 언어
language-switch-to = 이 페이지를 { $language }(으)로 보기
